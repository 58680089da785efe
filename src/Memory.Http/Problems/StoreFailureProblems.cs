using System.Globalization;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Http.Problems;

/// <summary>
/// The one HTTP mapping of <see cref="StoreFailureException"/>, whatever the backend: throttled or unavailable → 503 with
/// Retry-After; too large → 413 (record-too-large when the store names its limit, payload-too-large for Cosmos DB's item
/// limit); full → 507 (with Retry-After when the store gave one); access denied or rejected → 500 (the log names the
/// remedy, the caller sees no internals).
/// </summary>
public static class StoreFailureProblems
{
    /// <summary>When the store gave no wait, clients still get one: long enough not to hammer a struggling store.</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static ProblemHttpResult For(StoreFailureException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            StoreFailureKind.Throttled => ApiProblems.StoreUnavailable(throttled: true),
            StoreFailureKind.Unavailable => ApiProblems.StoreUnavailable(throttled: false),
            StoreFailureKind.TooLarge when failure.LimitBytes is { } limitBytes => ApiProblems.RecordTooLarge(limitBytes),
            StoreFailureKind.TooLarge => ApiProblems.StoreItemTooLarge(),
            StoreFailureKind.Full => ApiProblems.StoreFull(failure.RetryAfter is null ? null : RetryAfterSeconds(failure)),
            _ => ApiProblems.Internal(),
        };
    }

    /// <summary>
    /// Logs the failure (Error only for what an operator must fix: a role, a bug; throttling and outages are warnings) and
    /// writes the problem, with Retry-After in whole seconds, rounded up, on a transient failure. Both hosts call this.
    /// </summary>
    public static async Task WriteAsync(HttpContext httpContext, StoreFailureException failure, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(failure);
        Log.StoreFailed(
            logger, failure.IsTransient ? LogLevel.Warning : LogLevel.Error, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/",
            failure.Kind, failure.BackendStatus ?? "-", failure.Remedy ?? "-");
        if (failure.IsTransient)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(failure).ToString(CultureInfo.InvariantCulture);
        }

        await For(failure).ExecuteAsync(httpContext);
    }

    private static int RetryAfterSeconds(StoreFailureException failure) =>
        RetryAfter.WholeSeconds(failure.RetryAfter ?? DefaultRetryAfter);
}
