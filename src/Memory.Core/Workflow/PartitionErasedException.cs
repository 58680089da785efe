namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Thrown inside a step when the store refused a write with <see cref="Storage.WriteStatus.PartitionErased"/>, to leave
/// its loops at once; the step catches it and returns what it did, so it never reaches a runner.
/// </summary>
internal sealed class PartitionErasedException : Exception
{
    public PartitionErasedException()
        : base("The partition was erased after this work began; the store refused the write.")
    {
    }

    public PartitionErasedException(string message)
        : base(message)
    {
    }

    public PartitionErasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
