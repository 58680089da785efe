using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Stores;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// The lexical channel's one ranking from each full-text path's BM25 ranking: weighted reciprocal rank (k = 60), the
/// preceding turn's words at half weight, as the embedded store weighs its BM25F fields.
/// </summary>
public sealed class LexicalPathFusionTests
{
    [Fact]
    public void FusePaths_MatchesInSeveralPaths_RankByWeightedReciprocalRank()
    {
        var (a, b, c) = (Hit("a"), Hit("b"), Hit("c"));

        var fused = CosmosMemoryStore.FusePaths(
            [("/text", [a, c]), ("/resolvedDates", [c]), ("/precedingText", [b])], count: 10);

        // c: 1/62 + 1/61; a: 1/61; b: 0.5/61. A word only in the turn answered counts less than the same rank in the text.
        Assert.Equal(["c", "a", "b"], fused.Select(entry => entry.Memory.Id));
        Assert.Equal([1, 2, 3], fused.Select(entry => entry.Rank));
    }

    [Fact]
    public void FusePaths_TextOnlyOrTies_KeepTheTextsOrderAndTheCount()
    {
        var (a, b, c) = (Hit("a"), Hit("b"), Hit("c"));

        Assert.Equal(["a", "b", "c"], CosmosMemoryStore.FusePaths([("/text", [a, b, c])], count: 10).Select(entry => entry.Memory.Id));
        Assert.Equal(["a", "b"], CosmosMemoryStore.FusePaths([("/text", [a]), ("/resolvedDates", [b]), ("/precedingText", [c])], count: 2).Select(entry => entry.Memory.Id));
    }

    private static VectorHit Hit(string id)
    {
        var partition = new Core.Domain.MemoryPartition("tenant-1", "alice");
        var memory = TestRecords.Memory(partition, "text of " + id) with { Id = id };
        return new VectorHit { Memory = DocumentMapper.ToDocument(partition, memory, TestRecords.Now, epoch: 0), Score = null };
    }
}
