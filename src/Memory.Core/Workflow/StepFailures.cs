using System.Text.Json;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Which step failures are permanent: bad input or a bug does not get better by waiting, so runners fail the operation
/// at once instead of retrying. Everything else (store throttling, model timeouts, network) is retried.
/// </summary>
public static class StepFailures
{
    public static bool IsPermanent(Exception exception) => exception is
        ArgumentException
        or FormatException
        or InvalidCastException
        or NotSupportedException
        or NotImplementedException
        or JsonException
        or KeyNotFoundException
        or PermanentStepException;
}
