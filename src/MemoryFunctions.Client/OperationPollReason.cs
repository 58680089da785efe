namespace MemoryFunctions.Client;

/// <summary>Why the polling helper waited as long as it did.</summary>
public enum OperationPollReason
{
    /// <summary>Exponential back-off with jitter, capped at <see cref="OperationPolling.MaxDelay"/>.</summary>
    BackOff,

    /// <summary>The server's <c>Retry-After</c> header.</summary>
    RetryAfter,
}
