using System.Text.Json;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Which step failures are permanent: bad input or a bug does not get better by waiting, so runners fail the operation
/// at once instead of retrying. Everything else (store throttling, model timeouts, network) is retried. Decided once, where
/// the step ends (<see cref="StepFailedException.From"/>), so every runner sees the answer as a type.
/// </summary>
public static class StepFailures
{
    /// <summary>Exception types (and their subtypes) that are always permanent.</summary>
    private static readonly Type[] PermanentTypes =
    [
        typeof(ArgumentException),
        typeof(FormatException),
        typeof(InvalidCastException),
        typeof(NotSupportedException),
        typeof(NotImplementedException),
        typeof(JsonException),
        typeof(KeyNotFoundException),
        typeof(PermanentStepException),
    ];

    /// <summary>
    /// A permanent type, a model call the service refused for good (bad request, auth, unknown deployment), or a store failure
    /// that waiting cannot cure (missing role, item too large, store full, rejected request).
    /// </summary>
    public static bool IsPermanent(Exception exception) =>
        PermanentTypes.Any(type => type.IsInstanceOfType(exception))
        || exception is ModelCallException { IsTransient: false } or StoreFailureException { IsTransient: false };
}
