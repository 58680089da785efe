namespace MemoryFunctions.Core.Storage;

/// <summary>
/// A store call failed for a reason the caller cannot fix by changing its input: adapters (Cosmos DB, the embedded store)
/// translate their own errors into this, so hosts map every backend's failures to HTTP the same way and the workflow
/// knows which failures are worth retrying. The message may name settings and roles but never the caller's data.
/// </summary>
public sealed class StoreFailureException : Exception
{
    public StoreFailureException()
        : this(StoreFailureKind.Unavailable, "The store failed.")
    {
    }

    public StoreFailureException(string message)
        : this(StoreFailureKind.Unavailable, message)
    {
    }

    public StoreFailureException(string message, Exception innerException)
        : this(StoreFailureKind.Unavailable, message, innerException: innerException)
    {
    }

    public StoreFailureException(StoreFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public StoreFailureKind Kind { get; }

    /// <summary>
    /// How long the store asked us to wait (Cosmos <c>x-ms-retry-after-ms</c>; the embedded store's full disk, which it
    /// checks again that often); null when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True when the same call may succeed later without anyone changing this request: throttling, outages, and a full
    /// store that said when to retry (the embedded store's disk: writes resume by themselves once space returns). A full
    /// store without a retry time (a Cosmos partition at 20 GB) needs someone to act, so it is permanent.
    /// </summary>
    public bool IsTransient => Kind is StoreFailureKind.Throttled or StoreFailureKind.Unavailable
        || (Kind is StoreFailureKind.Full && RetryAfter is not null);

    /// <summary>
    /// For <see cref="StoreFailureKind.TooLarge"/>: the store's own limit on one encoded record, in bytes, when it enforces
    /// one (the embedded store, 16 MiB), so callers can be told the number; null when the limit is the service's (Cosmos DB).
    /// </summary>
    public long? LimitBytes { get; init; }

    /// <summary>What an operator must do, for the log (e.g. the role to assign); null when there is nothing to advise.</summary>
    public string? Remedy { get; init; }

    /// <summary>The backend's own status, for the log: e.g. "403/5301".</summary>
    public string? BackendStatus { get; init; }
}
