using System.Globalization;
using System.Net;
using MemoryFunctions.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// Cosmos DB status codes the store does not handle as outcomes become <see cref="StoreFailureException"/>s: one table, so
/// every call (point operation, batch, query page) is mapped alike and the hosts never see a raw CosmosException.
/// The message carries status, sub-status and the operation, never document content.
/// </summary>
internal static class CosmosFailures
{
    /// <summary>The data-plane role the app's identity needs; named in the log when Cosmos answers 403.</summary>
    public const string DataContributorRole = "Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002)";

    /// <summary>403 sub-status: the logical partition reached its 20 GB limit.</summary>
    private const int PartitionFull = 1014;

    /// <summary>
    /// 403 sub-status 3 (WriteForbidden): the region does not take writes during a failover. The SDK retries it itself on
    /// endpoint rediscovery (ClientRetryPolicy.cs: up to 120 times a second apart); one that still surfaces is an outage, not a
    /// missing role, and worth retrying a little later.
    /// </summary>
    private const int WriteForbidden = 3;

    /// <summary>What a caller is told to wait after a write refused during a failover, which gives no wait of its own.</summary>
    private static readonly TimeSpan FailoverRetryAfter = TimeSpan.FromSeconds(5);

    public static void ThrowIfFailed(ResponseMessage response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw From(response.StatusCode, SubStatus(response.Headers), RetryAfter(response.Headers), operation, innerException: null);
        }
    }

    public static StoreFailureException From(TransactionalBatchResponse response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        return From(response.StatusCode, SubStatus(response.Headers), response.RetryAfter, operation, innerException: null);
    }

    public static StoreFailureException From(CosmosException exception, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return From(exception.StatusCode, exception.SubStatusCode, exception.RetryAfter, operation, exception);
    }

    public static StoreFailureException From(HttpStatusCode status, int subStatus, TimeSpan? retryAfter, string operation, Exception? innerException)
    {
        var code = (int)status;
        var backendStatus = string.Create(CultureInfo.InvariantCulture, $"{code}/{subStatus}");
        var (kind, remedy) = code switch
        {
            429 => (StoreFailureKind.Throttled, "Raise the container's RU/s (or autoscale maximum) if this persists."),
            403 when subStatus == PartitionFull => (StoreFailureKind.Full, "The user's logical partition reached 20 GB: expire or summarise old memories."),
            403 when subStatus == WriteForbidden => (StoreFailureKind.Unavailable, "A regional failover is in progress: writes resume when it completes."),
            401 or 403 => (StoreFailureKind.AccessDenied,
                $"Assign the data-plane role {DataContributorRole} on the account to the app's managed identity (or fix Memory:Cosmos:Key)."),
            413 => (StoreFailureKind.TooLarge, "Cosmos DB items are limited to 2 MB; send shorter text or fewer metadata entries."),
            408 or 410 or 449 or >= 500 => (StoreFailureKind.Unavailable, (string?)null),
            _ => (StoreFailureKind.Rejected, "The store refused a request it should have accepted; this is a bug, report it with the trace id."),
        };
        var wait = code == 403 && subStatus == WriteForbidden ? retryAfter ?? FailoverRetryAfter : retryAfter;
        return new StoreFailureException(kind, $"Cosmos DB {operation} failed with {backendStatus} ({kind}).", wait, innerException)
        {
            Remedy = remedy,
            BackendStatus = backendStatus,
        };
    }

    private static int SubStatus(Headers headers) =>
        int.TryParse(headers["x-ms-substatus"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static TimeSpan? RetryAfter(Headers headers) =>
        long.TryParse(headers["x-ms-retry-after-ms"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
}
