using MemoryFunctions.Core.Llm;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// A step's failure as it leaves the step (<see cref="WorkflowStep{TInput, TOutput}.RunAsync"/>): the message is ours
/// alone (the cause's type name, and a refused model call's remedy), never the cause's own message, which may quote memory
/// text; so it may be written to Durable history and into the failed operation's error. Runners retry it, but not a
/// <see cref="PermanentStepException"/>; a Durable runner tells the two apart by type alone
/// (<c>TaskFailureDetails.IsCausedBy</c>), which is why permanence is a type and not a property.
/// </summary>
public class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps a step's exception, permanent when <see cref="StepFailures.IsPermanent"/> says so.</summary>
    public static StepFailedException From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StepFailedException failed => failed,
            _ when StepFailures.IsPermanent(exception) => new PermanentStepException(Describe(exception), exception),
            _ => new StepFailedException(Describe(exception), exception),
        };
    }

    /// <summary>What an operation's error may say about a failure: its type, and a model call's remedy (our own words, naming the setting to fix).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StepFailedException failed => failed.Message,
            ModelCallException { Remedy: { Length: > 0 } remedy } => $"{nameof(ModelCallException)}; model call: {remedy}",
            _ => exception.GetType().Name,
        };
    }
}
