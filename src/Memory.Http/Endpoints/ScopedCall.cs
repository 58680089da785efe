using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// The one preamble of every partition-scoped handler, on both hosts (the server maps the handlers; the Functions
/// triggers and the MCP tools call them): resolve the partition the request may touch (<see cref="RequestScope"/>: 401,
/// 400, 403), hold its tenant to the request quota (<see cref="TenantRateLimiter"/>: 429), read and validate the JSON
/// body when the route takes one (<see cref="JsonBody"/>: 415, 413, 400), admit a write that adds to what the tenant
/// holds (<see cref="TenantAdmission"/>: 403, 429), and only then run the handler's own work with the partition (and
/// body), within its tenant's share of the handlers (<see cref="TenantRequestGate"/>: waits, then 429). The first failure
/// is the answer. An admission is committed only when the handler succeeded.
/// </summary>
/// <remarks>
/// A helper the handler calls rather than an endpoint filter: filters run only on routes the server maps, and the
/// Functions triggers call the handlers directly.
/// </remarks>
public static class ScopedCall
{
    /// <summary>A handler without a body.</summary>
    public static async Task<Results<TOk, ProblemHttpResult>> RunAsync<TOk>(
        HttpRequest request,
        RouteScope scope,
        MemoryApiServices services,
        Func<MemoryPartition, Task<Results<TOk, ProblemHttpResult>>> handle,
        CancellationToken cancellationToken = default)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(handle);
        var resolved = await ResolveAsync(request, scope, services, cancellationToken);
        return resolved.Problem ?? await AdmittedAsync(request, scope, services, resolved.Partition, () => handle(resolved.Partition), problem => problem, cancellationToken);
    }

    /// <summary>A handler without a body and two success answers (such as 200 when done, 202 when it goes on in the background).</summary>
    public static async Task<Results<TOk1, TOk2, ProblemHttpResult>> RunAsync<TOk1, TOk2>(
        HttpRequest request,
        RouteScope scope,
        MemoryApiServices services,
        Func<MemoryPartition, Task<Results<TOk1, TOk2, ProblemHttpResult>>> handle,
        CancellationToken cancellationToken = default)
        where TOk1 : IResult
        where TOk2 : IResult
    {
        ArgumentNullException.ThrowIfNull(handle);
        var resolved = await ResolveAsync(request, scope, services, cancellationToken);
        return resolved.Problem ?? await AdmittedAsync(request, scope, services, resolved.Partition, () => handle(resolved.Partition), problem => problem, cancellationToken);
    }

    /// <summary>A handler with a JSON body, checked by <paramref name="validate"/> (an empty result means valid).</summary>
    public static async Task<Results<TOk, ProblemHttpResult>> RunAsync<TBody, TOk>(
        HttpRequest request,
        RouteScope scope,
        MemoryApiServices services,
        Func<TBody, MemoryHttpOptions, Dictionary<string, string[]>> validate,
        Func<MemoryPartition, TBody, Task<Results<TOk, ProblemHttpResult>>> handle,
        CancellationToken cancellationToken = default)
        where TBody : class
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(handle);
        var (partition, body, problem) = await ReadAsync(request, scope, services, validate, cancellationToken);
        return problem ?? await AdmittedAsync(request, scope, services, partition, () => handle(partition, body!), problem => problem, cancellationToken);
    }

    /// <summary>A handler with a JSON body and two success answers (such as 201 for new, 200 for existing).</summary>
    public static async Task<Results<TOk1, TOk2, ProblemHttpResult>> RunAsync<TBody, TOk1, TOk2>(
        HttpRequest request,
        RouteScope scope,
        MemoryApiServices services,
        Func<TBody, MemoryHttpOptions, Dictionary<string, string[]>> validate,
        Func<MemoryPartition, TBody, Task<Results<TOk1, TOk2, ProblemHttpResult>>> handle,
        CancellationToken cancellationToken = default)
        where TBody : class
        where TOk1 : IResult
        where TOk2 : IResult
    {
        ArgumentNullException.ThrowIfNull(handle);
        var (partition, body, problem) = await ReadAsync(request, scope, services, validate, cancellationToken);
        return problem ?? await AdmittedAsync(request, scope, services, partition, () => handle(partition, body!), problem => problem, cancellationToken);
    }

    /// <summary>The scope, then the body, read and validated before any admission: a refused body never holds a reservation.</summary>
    private static async Task<(MemoryPartition Partition, TBody? Body, ProblemHttpResult? Problem)> ReadAsync<TBody>(
        HttpRequest request, RouteScope scope, MemoryApiServices services, Func<TBody, MemoryHttpOptions, Dictionary<string, string[]>> validate, CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(validate);
        var resolved = await ResolveAsync(request, scope, services, cancellationToken);
        if (resolved.Problem is not null)
        {
            return (resolved.Partition, null, resolved.Problem);
        }

        var body = await JsonBody.ReadAsync<TBody>(request, services.Limits.MaxRequestBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return (resolved.Partition, null, body.Problem);
        }

        var errors = validate(body.Value!, services.Limits);
        return errors.Count > 0 ? (resolved.Partition, null, ApiProblems.Validation(errors)) : (resolved.Partition, body.Value, null);
    }

    /// <summary>
    /// Who may touch which partition, then the tenant's request quota (429 + Retry-After, <see cref="TenantRateLimiter"/>).
    /// </summary>
    private static async ValueTask<ResolvedScope> ResolveAsync(HttpRequest request, RouteScope scope, MemoryApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var resolved = await (scope.MemoryId is null
            ? RequestScope.ResolveAsync(request, scope.UserId, scope.Required, services.Authenticator, cancellationToken)
            : RequestScope.ResolveAsync(request, scope.UserId, scope.MemoryId, scope.Required, services.Authenticator, cancellationToken));
        return resolved.Problem is null && OverRequestQuota(request, resolved.Partition.TenantId, services) is { } throttled
            ? resolved with { Problem = throttled }
            : resolved;
    }

    /// <summary>
    /// For a write that adds users, memories or operations, its quotas on those (<see cref="TenantAdmission"/>: 403, or 429 +
    /// Retry-After when waiting helps), then the handler under the reservation, committed only when the handler answered
    /// that it added (201, 202); a 200 for content already stored, a problem or an exception releases it at once.
    /// </summary>
    private static async Task<TResult> AdmittedAsync<TResult>(
        HttpRequest request,
        RouteScope scope,
        MemoryApiServices services,
        MemoryPartition partition,
        Func<Task<TResult>> handle,
        Func<ProblemHttpResult, TResult> refused,
        CancellationToken cancellationToken)
        where TResult : INestedHttpResult
    {
        using var place = await services.Gate.EnterAsync(partition.TenantId, cancellationToken);
        if (place is null)
        {
            return refused(Busy(request, partition.TenantId));
        }

        using var admission = await services.Admission.AdmitAsync(partition, scope.Adds, cancellationToken: cancellationToken);
        if (admission.Refusal is { } refusal)
        {
            return refused(QuotaRefused(request, refusal));
        }

        var result = await handle();
        if (result.Result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created or StatusCodes.Status202Accepted })
        {
            // Only what was added counts: a 200 is the memory already stored (identical content), which adds nothing, and
            // counting it would hold a phantom against the cap (a final 403 on Cosmos until the next count). A replayed
            // submission answers 202 as the first one did and is counted until the next count; it only ever holds up the
            // queue quota, whose refusal is 429 and retryable.
            admission.Commit();
        }

        return result;
    }

    /// <summary>The tenant's request quota (<see cref="TenantRateLimiter"/>): 429 with <c>Retry-After</c> when it is spent, else null.</summary>
    internal static ProblemHttpResult? OverRequestQuota(HttpRequest request, string tenantId, MemoryApiServices services)
    {
        if (services.RateLimiter.TryAcquire(tenantId) is not { } wait)
        {
            return null;
        }

        var seconds = RetryAfter.WholeSeconds(wait);
        request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.QuotaExceeded(
            "requestsPerSecond",
            string.Create(CultureInfo.InvariantCulture, $"Tenant '{tenantId}' is over its quota of requests per second (Memory:Quotas); nothing was done. Retry after {seconds} seconds (Retry-After)."),
            seconds);
    }

    /// <summary>The tenant's share of the handlers is taken and its wait for a place ran out: 429 with <c>Retry-After</c>.</summary>
    internal static ProblemHttpResult Busy(HttpRequest request, string tenantId)
    {
        request.HttpContext.Response.Headers.RetryAfter = TenantRequestGate.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.QuotaExceeded(
            "concurrentRequests",
            string.Create(
                CultureInfo.InvariantCulture,
                $"Tenant '{tenantId}' has as many requests under way as it may while other tenants are served (Memory:Quotas, SharedConcurrentRequests), and this one waited its turn too long (ConcurrencyWait) or found too many waiting (MaxWaitingRequests); nothing was done. Send fewer requests at once, or retry after {TenantRequestGate.RetryAfterSeconds} seconds (Retry-After)."),
            TenantRequestGate.RetryAfterSeconds);
    }

    /// <summary>The answer to a write past an admission quota: 429 with <c>Retry-After</c> when waiting helps, else 403; 503 + <c>Retry-After</c> when it could not be checked in time.</summary>
    internal static ProblemHttpResult QuotaRefused(HttpRequest request, QuotaRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return ApiProblems.QuotaRefused(refusal);
    }
}
