using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Indexing;

public sealed class SearchTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryFilter Now = new() { At = StoreHarness.T0.AddDays(1) };

    [Fact]
    public async Task SearchAsync_VectorChannel_RanksByCosineWithOneBasedRanks()
    {
        await using var harness = new StoreHarness();
        await AddAsync(harness, "north", [1f, 0f, 0f, 0f]);
        await AddAsync(harness, "north-east", [1f, 1f, 0f, 0f]);
        await AddAsync(harness, "east", [0f, 1f, 0f, 0f]);
        await AddAsync(harness, "south", [-1f, 0f, 0f, 0f]);

        var candidates = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([2f, 0.2f, 0f, 0f], "zzz", Now, 3));

        var byRank = candidates.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank).ToList();
        Assert.Equal(["north", "north-east", "east"], byRank.Select(c => c.Memory.Text));
        Assert.Equal([1, 2, 3], byRank.Select(c => c.VectorRank!.Value));
        var expectedCosine = 2.0 / Math.Sqrt(4.04);
        Assert.Equal(expectedCosine, byRank[0].VectorSimilarity!.Value, 4);
        Assert.All(candidates, c => Assert.Null(c.LexicalRank));
        Assert.Equal(3, candidates.Count);
    }

    [Fact]
    public async Task SearchAsync_LexicalChannel_Bm25RanksRareTermHigher()
    {
        await using var harness = new StoreHarness();
        await AddAsync(harness, "Alice drinks coffee every morning", [0f, 0f, 0f, 1f]);
        await AddAsync(harness, "Alice likes coffee and espresso", [0f, 0f, 1f, 0f]);
        await AddAsync(harness, "Alice owns a bicycle", [0.7f, 0.7f, 0f, 0f]);
        await AddAsync(harness, "The weather is sunny", [1f, 0f, 0f, 0f]);

        var candidates = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "Espresso coffee?", Now, 2));

        var lexical = candidates.Where(c => c.LexicalRank is not null).OrderBy(c => c.LexicalRank).ToList();
        Assert.Equal(["Alice likes coffee and espresso", "Alice drinks coffee every morning"], lexical.Select(c => c.Memory.Text));
        Assert.True(lexical[0].LexicalScore > lexical[1].LexicalScore);
        var vectorTop = Assert.Single(candidates, c => c.VectorRank == 1);
        Assert.Equal("The weather is sunny", vectorTop.Memory.Text);
        Assert.Null(vectorTop.LexicalRank);
        Assert.Equal(4, candidates.Count);
    }

    [Fact]
    public async Task SearchAsync_LexicalMaximum_IsWhatATextWithEveryQueryTermWouldScore()
    {
        await using var harness = new StoreHarness();
        // Three texts of three terms each (the average length): one has both query terms, one a single term.
        await AddAsync(harness, "espresso coffee beans", [0f, 0f, 0f, 1f]);
        await AddAsync(harness, "coffee lunch break", [0f, 0f, 1f, 0f]);
        await AddAsync(harness, "sunny weather today", [1f, 0f, 0f, 0f]);

        var candidates = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "espresso coffee", Now, 3));

        var full = Assert.Single(candidates, c => c.Memory.Text == "espresso coffee beans");
        var partial = Assert.Single(candidates, c => c.Memory.Text == "coffee lunch break");
        Assert.All(candidates, c => Assert.Equal(full.LexicalMaximum, c.LexicalMaximum));
        Assert.Equal(full.LexicalScore!.Value, full.LexicalMaximum!.Value, 9);
        Assert.True(partial.LexicalScore < full.LexicalMaximum / 2);
    }

    [Fact]
    public async Task SearchAsync_QueryTermNoTextContains_RaisesTheLexicalMaximum()
    {
        await using var harness = new StoreHarness();
        await AddAsync(harness, "espresso coffee beans", [0f, 0f, 0f, 1f]);
        await AddAsync(harness, "sunny weather today", [1f, 0f, 0f, 0f]);

        var known = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "espresso", Now, 3));
        var withUnknown = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "espresso cello", Now, 3));

        // "cello" is in no memory: the best hit now matches only part of the question, and the maximum says so.
        Assert.True(withUnknown[0].LexicalMaximum > known[0].LexicalMaximum);
        Assert.Equal(known.Single(c => c.LexicalRank == 1).LexicalScore, withUnknown.Single(c => c.LexicalRank == 1).LexicalScore);
    }

    [Fact]
    public async Task SearchAsync_Filter_ExcludesSupersededUnlessAsOf()
    {
        await using var harness = new StoreHarness();
        var old = StoreHarness.Memory(Alice, "lives in Oslo", [1f, 0f, 0f, 0f]) with { ValidTo = StoreHarness.T0.AddHours(1) };
        await harness.Memories.AddAsync(Alice, old, StoreHarness.Added(old));
        await AddAsync(harness, "lives in Bergen", [0.9f, 0.1f, 0f, 0f]);

        var now = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "lives Oslo", Now, 5));
        var asOf = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "lives Oslo", new MemoryFilter { At = StoreHarness.T0.AddMinutes(30) }, 5));

        Assert.Equal(["lives in Bergen"], now.Select(c => c.Memory.Text));
        Assert.Equal("lives in Oslo", asOf.Single(c => c.VectorRank == 1).Memory.Text);
        Assert.Equal("lives in Oslo", asOf.Single(c => c.LexicalRank == 1).Memory.Text);
    }

    [Fact]
    public async Task SearchAsync_WithHashingEmbedderAndRanker_RelevantMemoryFirst()
    {
        await using var harness = new StoreHarness();
        using var embedder = new HashingEmbedder(Options.Create(new HashingEmbedderOptions { Dimensions = 256 }));
        string[] texts =
        [
            "Alice is allergic to peanuts",
            "Alice's favourite programming language is F#",
            "Alice has a golden retriever named Biscuit",
            "Alice works as a nurse in Trondheim",
            "Alice prefers aisle seats on long flights",
        ];
        foreach (var text in texts)
        {
            await AddAsync(harness, text, embedder.Embed(text));
        }

        const string Query = "what dog does alice have? retriever";
        var candidates = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery(embedder.Embed(Query), Query, Now, 4));
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), new FakeTimeProvider(StoreHarness.T0));
        var ranked = ranker.Rank(candidates, 3, 0);

        Assert.Equal("Alice has a golden retriever named Biscuit", ranked[0].Memory.Text);
        Assert.Equal(1, ranked[0].Explanation.VectorRank);
        Assert.Equal(1, ranked[0].Explanation.LexicalRank);
    }

    [Fact]
    public async Task SearchAsync_PartitionLargeEnoughForParallelScan_MatchesBruteForceOrder()
    {
        await using var harness = new StoreHarness();
        var random = new Random(42);
        var memories = Enumerable.Range(0, 6000)
            .Select(i => StoreHarness.Memory(Alice, $"memory {i}", [.. Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() - 0.5))]))
            .ToList();
        var written = await Task.WhenAll(memories.Select(m => harness.Memories.AddAsync(Alice, m, StoreHarness.Added(m))));
        float[] query = [.. Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() - 0.5))];
        var filter = Now with { CreatedFrom = null };

        var candidates = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery(query, string.Empty, filter, 25));

        var expected = written
            .Select(w => w.Memory!)
            .OrderByDescending(m => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(query, m.Embedding))
            .Take(25)
            .Select(m => m.Id);
        Assert.Equal(expected, candidates.OrderBy(c => c.VectorRank).Select(c => c.Memory.Id));
    }

    [Fact]
    public async Task SearchAsync_EmptyPartition_ReturnsNothing()
    {
        await using var harness = new StoreHarness();

        Assert.Empty(await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([1f, 0f, 0f, 0f], "anything", Now, 5)));
    }

    [Fact]
    public async Task SearchAsync_WithoutVectors_CandidatesCarryNoVectorOtherwiseTheirOwn()
    {
        await using var harness = new StoreHarness();
        await AddAsync(harness, "Alice drinks coffee", [1f, 0f, 0f, 0f]);
        await AddAsync(harness, "Alice owns a bicycle", [0f, 1f, 0f, 0f]);
        var query = new MemorySearchQuery([1f, 0.1f, 0f, 0f], "coffee", Now, 2);

        var withVectors = await harness.Memories.SearchAsync(Alice, query);
        var withoutVectors = await harness.Memories.SearchAsync(Alice, query with { WithVectors = false });

        Assert.Equal(withVectors.Select(c => (c.Memory.Id, c.VectorRank, c.VectorSimilarity, c.LexicalRank)), withoutVectors.Select(c => (c.Memory.Id, c.VectorRank, c.VectorSimilarity, c.LexicalRank)));
        Assert.Equal([[1f, 0f, 0f, 0f], [0f, 1f, 0f, 0f]], withVectors.OrderBy(c => c.VectorRank).Select(c => c.Memory.Embedding));
        Assert.All(withoutVectors, c => Assert.Empty(c.Memory.Embedding));
    }

    private static async Task AddAsync(StoreHarness harness, string text, float[] vector)
    {
        var memory = StoreHarness.Memory(Alice, text, vector);
        await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
    }
}
