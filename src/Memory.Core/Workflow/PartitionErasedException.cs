using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Thrown inside a step when the store refused a write with <see cref="WriteStatus.PartitionErased"/>, to leave
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

    /// <summary>A write the store refused because the user was erased ends the step, whatever it was in the middle of.</summary>
    public static MemoryWriteResult ThrowIfErased(MemoryWriteResult result) =>
        result.Status == WriteStatus.PartitionErased ? throw new PartitionErasedException() : result;
}
