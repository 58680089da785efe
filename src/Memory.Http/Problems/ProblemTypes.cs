namespace MemoryFunctions.Http.Problems;

/// <summary>
/// Stable problem <c>type</c> URIs (RFC 9457), documented in docs/errors.md. URNs rather than URLs because they
/// identify a kind of error; clients switch on them and they never change with the documentation's address.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:memoryfunctions:problem:";

    /// <summary>400: a field is missing, out of range, of the wrong type, or unknown.</summary>
    public const string Validation = Prefix + "validation";

    /// <summary>400: the body is not well-formed JSON.</summary>
    public const string MalformedJson = Prefix + "malformed-json";

    /// <summary>400: the request itself is unreadable (bad framing, bad header).</summary>
    public const string BadRequest = Prefix + "bad-request";

    /// <summary>401: authentication is configured and the request carried no valid credential (key or Entra token).</summary>
    public const string Unauthorized = Prefix + "unauthorized";

    /// <summary>403: the credential names a tenant or user it was not given.</summary>
    public const string OutOfScope = Prefix + "out-of-scope";

    /// <summary>403: the credential reaches the tenant and user but lacks the role (read, write, admin) the route needs.</summary>
    public const string MissingRole = Prefix + "missing-role";

    /// <summary>403: a browser sent the request from a web page of another origin (DNS rebinding, cross-site requests).</summary>
    public const string ForeignOrigin = Prefix + "foreign-origin";

    /// <summary>429: the tenant is over one of its quotas (<c>Memory:Quotas</c>); the <c>limit</c> member names which, <c>Retry-After</c> says when.</summary>
    public const string QuotaExceeded = Prefix + "quota-exceeded";

    /// <summary>404: no such memory (or route) in this tenant and user.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>405: the route exists, the method does not.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>409: a concurrent write changed the memory; read it again and retry.</summary>
    public const string Conflict = Prefix + "conflict";

    /// <summary>422: the <c>Idempotency-Key</c> was already used for a different request body by this user.</summary>
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";

    /// <summary>412: <c>If-Match</c> does not match the memory's current ETag.</summary>
    public const string PreconditionFailed = Prefix + "precondition-failed";

    /// <summary>413: the body is larger than the configured limit.</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>413: a record the request produced is larger than the store can hold (for example an operation's result); nothing was written.</summary>
    public const string RecordTooLarge = Prefix + "record-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>503: the store is throttling or unavailable; retry after the <c>Retry-After</c> header's seconds.</summary>
    public const string StoreUnavailable = Prefix + "store-unavailable";

    /// <summary>503: the embedding model is still loading after start-up; retry after the <c>Retry-After</c> header's seconds.</summary>
    public const string EmbedderUnavailable = Prefix + "embedder-unavailable";

    /// <summary>507: the store has no room for this user's data (disk full, or the user's partition at its size limit).</summary>
    public const string StoreFull = Prefix + "store-full";

    /// <summary>500: a fault on our side; the detail carries no internals, the trace id finds the log entry.</summary>
    public const string Internal = Prefix + "internal";
}
