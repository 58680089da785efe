using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MemoryFunctions.Http.Problems;

/// <summary>
/// Every error the contract produces, as problem+json results. Handlers return these instead of throwing, so a
/// Functions trigger that calls a handler gets the same status, type and detail as the ASP.NET Core server.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detail = errors.Count == 1
            ? errors.First().Value.FirstOrDefault() ?? "The request is not valid."
            : $"{errors.Count} fields are not valid ({string.Join(", ", errors.Keys)}); see 'errors' for each field and its fix.";
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "One or more fields are not valid.",
            Detail = detail,
        });
    }

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static ProblemHttpResult MalformedJson(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.MalformedJson,
            Title = "The request body is not valid JSON.",
            Detail = message,
        });

    public static ProblemHttpResult BadRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "The request could not be read.", detail);

    public static ProblemHttpResult Unauthorized(string reason) =>
        Create(
            StatusCodes.Status401Unauthorized,
            ProblemTypes.Unauthorized,
            "A valid credential is required.",
            $"Refused: {reason} Keys go in the '{MemoryHeaders.FunctionsKey}' header (or the '{MemoryHeaders.KeyQueryParameter}' query parameter), tokens in 'Authorization: Bearer'.");

    /// <summary>403: the credential is valid but was not given this tenant or user.</summary>
    public static ProblemHttpResult OutOfScope(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.OutOfScope, "Outside the credential's scope", detail);

    /// <summary>403: the request's <c>Origin</c> is neither this machine's nor one of <c>Memory:Http:AllowedOrigins</c>.</summary>
    public static ProblemHttpResult ForeignOrigin(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.ForeignOrigin, "Foreign origin", detail);

    /// <summary>403: the credential reaches the partition but lacks the role the route needs.</summary>
    public static ProblemHttpResult MissingRole(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.MissingRole, "Role missing", detail);

    public static ProblemHttpResult MemoryNotFound(string memoryId) =>
        Create(
            StatusCodes.Status404NotFound,
            ProblemTypes.NotFound,
            "The memory was not found.",
            $"No memory '{memoryId}' exists for this user and tenant; check 'id', the user id and the '{MemoryHeaders.TenantId}' header.");

    public static ProblemHttpResult OperationNotFound(string operationId) =>
        Create(
            StatusCodes.Status404NotFound,
            ProblemTypes.NotFound,
            "The operation was not found.",
            $"No operation '{operationId}' exists for this user and tenant; poll the URL from the submission's Location header, with the same '{MemoryHeaders.TenantId}'.");

    public static ProblemHttpResult IdempotencyKeyReused(string operationId) =>
        Create(
            StatusCodes.Status422UnprocessableEntity,
            ProblemTypes.IdempotencyKeyReused,
            "The Idempotency-Key was already used for a different request.",
            $"This user's Idempotency-Key belongs to operation '{operationId}', submitted with another body; send a new key for a new request, or the same body to retry.");

    public static ProblemHttpResult Conflict(string memoryId) =>
        Create(
            StatusCodes.Status409Conflict,
            ProblemTypes.Conflict,
            "The memory was changed concurrently.",
            $"Memory '{memoryId}' changed while this request was applied; read it again and retry.");

    public static ProblemHttpResult PreconditionFailed(string memoryId, string? currentETag) =>
        Create(
            StatusCodes.Status412PreconditionFailed,
            ProblemTypes.PreconditionFailed,
            "The memory has changed.",
            $"The 'If-Match' header does not match the current ETag of memory '{memoryId}'{(currentETag is null ? string.Empty : $" ({currentETag})")}; GET it again and retry with the new ETag.");

    public static ProblemHttpResult PayloadTooLarge(long limitBytes, string setting = "Memory:Http:MaxRequestBodyBytes") =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            ProblemTypes.PayloadTooLarge,
            "The request body is too large.",
            string.Create(CultureInfo.InvariantCulture, $"The body exceeds the limit of {limitBytes} bytes ({setting}); send less data per request."));

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string expected = "application/json") =>
        Create(
            StatusCodes.Status415UnsupportedMediaType,
            ProblemTypes.UnsupportedMediaType,
            expected == "application/json" ? "The body must be JSON." : $"The body must be {expected}.",
            $"Content-Type '{contentType ?? "(none)"}' is not supported; send the body as '{expected}'.");

    /// <summary>An import stopped because the user was erased while it ran: what it wrote went with the user, and no later line was written.</summary>
    public static ProblemHttpResult ImportEndedByErase() =>
        Create(
            StatusCodes.Status409Conflict,
            MemoryFunctions.Core.Operations.MemoryOperation.ProblemTypeUserErased,
            "User erased",
            "The user was erased while this import ran; it stopped there, and nothing it wrote remains. Post the file again to import it into the fresh user.");

    /// <summary>One NDJSON line of an import longer than its cap (the line is skipped, the others are imported).</summary>
    public static ProblemHttpResult ImportLineTooLong(long limitBytes) =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            ProblemTypes.PayloadTooLarge,
            "The line is too long.",
            string.Create(CultureInfo.InvariantCulture, $"The line exceeds the limit of {limitBytes} bytes per line (Memory:Http:MaxImportLineBytes); shorten its text or metadata."));

    public static ProblemHttpResult RecordTooLarge(long limitBytes) =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            ProblemTypes.RecordTooLarge,
            "The request would store a record larger than the store holds.",
            string.Create(CultureInfo.InvariantCulture, $"A record made from this request exceeds the store's limit of {limitBytes} bytes; nothing was written. Send less data per request."));

    public static ProblemHttpResult StoreUnavailable(bool throttled) =>
        Create(
            StatusCodes.Status503ServiceUnavailable,
            ProblemTypes.StoreUnavailable,
            throttled ? "The store is busy." : "The store is unavailable.",
            "The request was not applied. Retry after the number of seconds in the 'Retry-After' header.");

    /// <summary>503: the store did not answer in time for this request (<paramref name="detail"/> says what); nothing was applied.</summary>
    public static ProblemHttpResult StoreBusy(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StoreUnavailable, "The store is busy.", detail);

    /// <summary>503: the embedder cannot serve yet (<paramref name="reason"/> says why); nothing was applied.</summary>
    public static ProblemHttpResult EmbedderUnavailable(string reason, int retryAfterSeconds) =>
        Create(
            StatusCodes.Status503ServiceUnavailable,
            ProblemTypes.EmbedderUnavailable,
            "The embedding model is not ready.",
            string.Create(CultureInfo.InvariantCulture, $"{reason} Nothing was applied. Retry after {retryAfterSeconds} seconds (Retry-After)."));

    public static ProblemHttpResult StoreItemTooLarge() =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            ProblemTypes.PayloadTooLarge,
            "The memory is too large to store.",
            "The store refused the item as too large (Cosmos DB allows 2 MB per item); send shorter text or fewer metadata entries.");

    /// <summary>Full disk (the store resumes by itself: <paramref name="retryAfterSeconds"/>) or full partition (someone must act: null).</summary>
    public static ProblemHttpResult StoreFull(int? retryAfterSeconds) =>
        Create(
            StatusCodes.Status507InsufficientStorage,
            ProblemTypes.StoreFull,
            "The store has no room for this write.",
            retryAfterSeconds is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"The server's storage is full; nothing was written. Retry after {seconds} seconds (Retry-After).")
                : "Nothing was written. Erase or expire old memories of this user, or ask the operator to add capacity.");

    /// <summary>429: the tenant is over its quota <paramref name="limit"/> (a <see cref="Quotas.TenantQuota"/> property, camel case).</summary>
    public static ProblemHttpResult QuotaExceeded(string limit, string detail, int retryAfterSeconds)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Type = ProblemTypes.QuotaExceeded, Title = "Quota exceeded", Detail = detail };
        problem.Extensions["limit"] = limit;
        problem.Extensions["retryAfterSeconds"] = retryAfterSeconds;
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// The problem for an admission <paramref name="refusal"/> (the caller sets <c>Retry-After</c> where it can): 403 when
    /// waiting will not help, 429 when it will, 503 when the check could not be made in time.
    /// </summary>
    public static ProblemHttpResult QuotaRefused(Quotas.QuotaRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.RetryAfterSeconds is not { } seconds ? QuotaReached(refusal.Limit, refusal.Detail)
            : refusal.Stalled ? StoreBusy(refusal.Detail)
            : QuotaExceeded(refusal.Limit, refusal.Detail, seconds);
    }

    /// <summary>413: an Event Grid delivery with more events for a tenant than its queue quota (<paramref name="detail"/>): never admissible whole.</summary>
    public static ProblemHttpResult DeliveryPastQueueQuota(string detail)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Type = ProblemTypes.QuotaExceeded, Title = "Delivery larger than the queue quota", Detail = detail };
        problem.Extensions["limit"] = "queuedOperations";
        return TypedResults.Problem(problem);
    }

    /// <summary>403: the tenant holds as many users or memories as its quota <paramref name="limit"/> allows; waiting will not help.</summary>
    public static ProblemHttpResult QuotaReached(string limit, string detail)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Type = ProblemTypes.QuotaExceeded, Title = "Quota reached", Detail = detail };
        problem.Extensions["limit"] = limit;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Internal() =>
        Create(
            StatusCodes.Status500InternalServerError,
            ProblemTypes.Internal,
            "An unexpected error occurred.",
            "The server failed to process the request. Retry later; if it persists, report the traceId.");

    private static ProblemHttpResult Create(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
