namespace MemoryFunctions.Cosmos.Gateway.Throughput;

/// <summary>
/// The request-unit charge of each request: A MODEL'S ESTIMATES, not measurements. Anchored on the published figures
/// (https://learn.microsoft.com/azure/cosmos-db/request-units: a 1 KB point read costs 1 RU; writes cost several times a read
/// and grow with size and indexed paths; https://learn.microsoft.com/azure/cosmos-db/optimize-cost-reads-writes) and on the
/// issue's estimate for this store (memory documents of ~19 KB with their vector: 6-16 RU to delete). A real account reports
/// the real charge in <c>x-ms-request-charge</c>; docs/cosmos.md lists these figures as estimates.
/// </summary>
public static class RequestCharges
{
    /// <summary>Point read: 1 RU per started KB (estimate).</summary>
    public static double Read(long bytes) => Math.Max(1, Math.Ceiling(bytes / 1024.0));

    /// <summary>Create, replace, upsert, patch or delete: 5 RU plus 0.5 RU per started KB beyond the first (estimate).</summary>
    public static double Write(long bytes) => 5 + (0.5 * Math.Max(0, Math.Ceiling(bytes / 1024.0) - 1));

    /// <summary>A query page: 2.3 RU, 1 RU per started KB returned, 0.05 RU per document ranked by a scoring function (estimate).</summary>
    public static double Query(long bytesReturned, int documentsRanked) => 2.3 + Math.Ceiling(bytesReturned / 1024.0) + (0.05 * documentsRanked);

    /// <summary>An aggregate (COUNT, SUM, COUNTIF) over matching documents: a query page plus 0.01 RU per document counted (estimate).</summary>
    public static double Aggregate(long bytesReturned, int documentsCounted) => Query(bytesReturned, 0) + (0.01 * documentsCounted);

    /// <summary>A query plan request is served by the gateway's query engine, without touching data (estimate).</summary>
    public const double QueryPlan = 0;
}
