namespace MemoryFunctions.Core.Storage;

/// <summary>Why a store could not serve a call, in terms a host can answer with: each kind has one HTTP mapping (docs/errors.md).</summary>
public enum StoreFailureKind
{
    /// <summary>Rate limited after the client's own retries (Cosmos 429): transient; answered 503 with Retry-After.</summary>
    Throttled,

    /// <summary>Service unavailable or timed out (Cosmos 408/410/449/5xx, network): transient; answered 503.</summary>
    Unavailable,

    /// <summary>The process lacks a permission or a valid credential (Cosmos 401/403): permanent until an operator assigns the role; answered 500.</summary>
    AccessDenied,

    /// <summary>
    /// One record is larger than the store accepts (Cosmos 413; the embedded store's 16 MiB encoded record, with
    /// <see cref="StoreFailureException.LimitBytes"/>): permanent for this input; answered 413.
    /// </summary>
    TooLarge,

    /// <summary>
    /// No space left: the embedded store's full disk (with <see cref="StoreFailureException.RetryAfter"/>: transient) or a
    /// logical partition at its size limit (Cosmos 403/1014: permanent): answered 507, with Retry-After when the store gave one.
    /// </summary>
    Full,

    /// <summary>The store refused the request as malformed (a bug on our side, e.g. a query the engine does not accept): answered 500.</summary>
    Rejected,
}
