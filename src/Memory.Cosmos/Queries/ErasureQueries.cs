using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// The queries of a background erase (<see cref="Stores.CosmosMemoryStore"/>'s erase), each in the user's logical partition and
/// over documents of the erased epochs only: <c>epoch &lt; @epoch</c>, or no <c>epoch</c> at all (written before documents
/// were stamped, hence before the erase). Erase operations and the stubs earlier erases left are never part of it.
/// </summary>
internal static class ErasureQueries
{
    private const string Erased = "(NOT IS_DEFINED(c.epoch) OR c.epoch < @epoch)";

    /// <summary>Ingestion operations (documents before kinds existed are ingestions).</summary>
    private const string Ingestion = "c.type = 'operation' AND (NOT IS_DEFINED(c.kind) OR c.kind = 'ingestion')";

    public static QueryDefinition CountMemories(long epoch) => Count($"c.type = 'memory' AND {Erased}", epoch);

    public static QueryDefinition CountHistory(long epoch) => Count($"c.type = 'history' AND {Erased}", epoch);

    /// <summary>Ingestions the erase ends: finished ones it deletes and unfinished ones it leaves as stubs (not the stubs of earlier erases).</summary>
    public static QueryDefinition CountOperations(long epoch) => Count($"{Ingestion} AND c.status != 'cancelled' AND {Erased}", epoch);

    /// <summary>Unfinished ingestions, which become content-free stubs (their pollers learn why they ended).</summary>
    public static QueryDefinition UnfinishedOperations(long epoch) =>
        new QueryDefinition($"SELECT * FROM c WHERE {Ingestion} AND c.status IN ('queued', 'running') AND {Erased}").WithParameter("@epoch", epoch);

    /// <summary>Ids of the next documents to delete: memories, history events and finished ingestions. TOP is our own constant.</summary>
    public static QueryDefinition NextToDelete(long epoch, int count) =>
        new QueryDefinition(string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT TOP {count} VALUE c.id FROM c WHERE (c.type IN ('memory', 'history') OR ({Ingestion} AND c.status IN ('succeeded', 'failed'))) AND {Erased}"))
            .WithParameter("@epoch", epoch);

    private static QueryDefinition Count(string where, long epoch) =>
        new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE {where}").WithParameter("@epoch", epoch);
}
