namespace MemoryFunctions.Core.Workflow;

/// <summary>A step failure that retrying cannot fix (for example a model that refuses the content): the operation fails at once.</summary>
public sealed class PermanentStepException : StepFailedException
{
    public PermanentStepException()
    {
    }

    public PermanentStepException(string message)
        : base(message)
    {
    }

    public PermanentStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
