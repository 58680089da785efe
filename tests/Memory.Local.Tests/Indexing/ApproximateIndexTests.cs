using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// The approximate (HNSW) index of large partitions against the exact scan: the same writes go to a store that indexes
/// partitions from <see cref="Threshold"/> memories and to one that never does, and every search must agree.
/// </summary>
public sealed class ApproximateIndexTests
{
    private const int Threshold = 32;
    private const int Dimensions = 24;
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryKind[] Kinds = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Turn, MemoryKind.Summary];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SearchAsync_SmallPartitionWithApproximateIndex_ReturnsWhatExactSearchReturns(int seed)
    {
        // Fewer memories than the search's candidate list (ef 96): the graph walk reaches every node, so nothing may differ.
        await using var pair = new StorePair();
        var random = new Random(seed);
        var written = new List<MemoryRecord>();
        for (var i = 0; i < 90; i++)
        {
            written.Add(await pair.AddAsync(RandomMemory(random, i)));
        }

        // Replace a few vectors and delete a few memories after the build, so the incremental path is checked too.
        await pair.WhenBuiltAsync();
        Assert.True(pair.Approximate.Engine.FindPartition(Alice)!.HasApproximateIndex);
        for (var i = 0; i < 10; i++)
        {
            await pair.ReplaceAsync(written[i] with { Embedding = RandomVector(random) });
            await pair.DeleteAsync(written[10 + i]);
        }

        for (var query = 0; query < 25; query++)
        {
            var filter = FilterFor(random, query);
            await pair.AssertSameResultsAsync(new MemorySearchQuery(RandomVector(random), "", filter, 10));
        }
    }

    [Fact]
    public async Task SearchAsync_WritesWhileTheIndexBuilds_EndUpInIt()
    {
        await using var pair = new StorePair();
        var random = new Random(7);
        var written = new List<MemoryRecord>();
        for (var i = 0; i < 400; i++)
        {
            written.Add(await pair.AddAsync(RandomMemory(random, i)));
            if (i > Threshold && i % 7 == 0)
            {
                await pair.DeleteAsync(written[random.Next(written.Count - 1)]);
            }

            if (i > Threshold && i % 5 == 0)
            {
                var victim = written[random.Next(written.Count - 1)];
                await pair.ReplaceAsync(victim with { Embedding = RandomVector(random) });
            }
        }

        await pair.WhenBuiltAsync();
        var index = pair.Approximate.Engine.FindPartition(Alice)!;
        Assert.True(index.HasApproximateIndex);
        Assert.Equal(index.Count, index.ApproximateIndex!.Count);
        var recall = new List<double>();
        foreach (var query in Enumerable.Range(0, 40).Select(_ => RandomVector(random)))
        {
            recall.Add(await pair.RecallAsync(new MemorySearchQuery(query, "", Default, 10)));
        }

        Assert.True(recall.Average() >= 0.95, $"recall@10 {recall.Average():F3}");
    }

    [Fact]
    public async Task SearchAsync_SelectiveFilter_FallsBackToExact()
    {
        await using var pair = new StorePair();
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            await pair.AddAsync(RandomMemory(random, i) with { SessionId = i % 50 == 0 ? "rare" : "common" });
        }

        await pair.WhenBuiltAsync();
        var rare = Default with { SessionId = "rare" };
        await pair.AssertSameResultsAsync(new MemorySearchQuery(RandomVector(random), "", rare, 10));
        var found = await pair.Approximate.Memories.SearchAsync(Alice, new MemorySearchQuery(RandomVector(random), "", rare, 10));
        var matching = pair.Approximate.Engine.FindPartition(Alice)!.SnapshotMemories().Count(rare.Matches);
        Assert.InRange(matching, 1, 6);
        Assert.Equal(matching, found.Count);
    }

    [Fact]
    public async Task EraseAsync_FreesTheApproximateIndexAndItsVectors()
    {
        await using var harness = new StoreHarness(new LocalStoreOptions { ApproximateIndexThreshold = Threshold });
        var random = new Random(5);
        var kept = RandomMemory(random, 0);
        for (var i = 0; i < 100; i++)
        {
            await harness.Memories.AddAsync(Alice, i == 0 ? kept : RandomMemory(random, i), StoreHarness.Added(kept));
        }

        await harness.Engine.WhenVectorIndexesBuiltAsync();
        var partition = harness.Engine.FindPartition(Alice)!;
        var index = partition.ApproximateIndex!;
        Assert.Equal(100, index.Count);

        await harness.Memories.EraseAsync(Alice);

        Assert.True(index.IsDisposed);
        Assert.False(partition.HasApproximateIndex);
        Assert.Null(harness.Engine.FindPartition(Alice));
        Assert.Empty(await harness.Memories.SearchAsync(Alice, new MemorySearchQuery(kept.Embedding, "", Default, 10)));

        // The same user writing again starts from nothing: none of the erased vectors can come back in a search.
        var fresh = StoreHarness.Memory(Alice, "fresh", RandomVector(random));
        await harness.Memories.AddAsync(Alice, fresh, StoreHarness.Added(fresh));
        var found = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery(kept.Embedding, "", Default, 10));
        Assert.Equal([fresh.Id], found.Select(c => c.Memory.Id));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheVectorFromTheApproximateIndex()
    {
        await using var pair = new StorePair();
        var random = new Random(9);
        var written = new List<MemoryRecord>();
        for (var i = 0; i < 80; i++)
        {
            written.Add(await pair.AddAsync(RandomMemory(random, i)));
        }

        await pair.WhenBuiltAsync();
        var index = pair.Approximate.Engine.FindPartition(Alice)!.ApproximateIndex!;
        await pair.DeleteAsync(written[3]);

        Assert.Equal(79, index.Count);
        var found = await pair.Approximate.Memories.SearchAsync(Alice, new MemorySearchQuery(written[3].Embedding, "", Default, 10));
        Assert.DoesNotContain(written[3].Id, found.Select(c => c.Memory.Id));
        Assert.Equal(10, found.Count);
    }

    private static MemoryFilter Default => new() { At = StoreHarness.T0.AddDays(10), Kinds = MemoryKinds.Searchable };

    private static MemoryFilter FilterFor(Random random, int query) => (query % 4) switch
    {
        0 => Default,
        1 => new MemoryFilter { At = StoreHarness.T0.AddDays(10) },
        2 => new MemoryFilter { At = StoreHarness.T0.AddDays(random.Next(0, 10)), IncludeSuperseded = true, Kinds = [MemoryKind.Fact] },
        _ => Default with { CreatedFrom = StoreHarness.T0.AddDays(2), CreatedTo = StoreHarness.T0.AddDays(8) },
    };

    private static MemoryRecord RandomMemory(Random random, int i)
    {
        var createdAt = StoreHarness.T0.AddDays(random.Next(0, 10)).AddMinutes(i);
        return StoreHarness.Memory(Alice, $"memory {i}", RandomVector(random), createdAt) with
        {
            Kind = Kinds[random.Next(Kinds.Length)],
            ValidTo = random.Next(5) == 0 ? createdAt.AddDays(2) : null,
        };
    }

    private static float[] RandomVector(Random random) =>
        [.. Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    /// <summary>Two stores given the same writes: one indexes partitions from <see cref="Threshold"/> memories, one never does.</summary>
    private sealed class StorePair : IAsyncDisposable
    {
        public StoreHarness Approximate { get; } = new(new LocalStoreOptions { ApproximateIndexThreshold = Threshold });

        public StoreHarness Exact { get; } = new(new LocalStoreOptions { ApproximateIndexThreshold = 0 });

        public async Task<MemoryRecord> AddAsync(MemoryRecord memory)
        {
            var result = await Approximate.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
            await Exact.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
            return result.Memory!;
        }

        public async Task ReplaceAsync(MemoryRecord memory)
        {
            var history = StoreHarness.Event(memory, HistoryOperation.Update, StoreHarness.T0.AddDays(1));
            await Approximate.Memories.ReplaceAsync(Alice, memory, null, history);
            await Exact.Memories.ReplaceAsync(Alice, memory, null, history);
        }

        public async Task DeleteAsync(MemoryRecord memory)
        {
            var history = StoreHarness.Event(memory, HistoryOperation.Delete, StoreHarness.T0.AddDays(1));
            await Approximate.Memories.DeleteAsync(Alice, memory.Id, null, history);
            await Exact.Memories.DeleteAsync(Alice, memory.Id, null, history);
        }

        public Task WhenBuiltAsync() => Approximate.Engine.WhenVectorIndexesBuiltAsync();

        public async Task AssertSameResultsAsync(MemorySearchQuery query)
        {
            var approximate = VectorRanked(await Approximate.Memories.SearchAsync(Alice, query));
            var exact = VectorRanked(await Exact.Memories.SearchAsync(Alice, query));
            Assert.Equal(exact.Select(c => c.Memory.Id), approximate.Select(c => c.Memory.Id));
            Assert.Equal(exact.Select(c => c.VectorSimilarity), approximate.Select(c => c.VectorSimilarity));
            Assert.All(approximate, c => Assert.True(query.Filter.Matches(c.Memory)));
        }

        public async Task<double> RecallAsync(MemorySearchQuery query)
        {
            var approximate = VectorRanked(await Approximate.Memories.SearchAsync(Alice, query)).Select(c => c.Memory.Id).ToHashSet();
            var exact = VectorRanked(await Exact.Memories.SearchAsync(Alice, query));
            return exact.Count(c => approximate.Contains(c.Memory.Id)) / (double)Math.Max(1, exact.Count);
        }

        public async ValueTask DisposeAsync()
        {
            await Approximate.DisposeAsync();
            await Exact.DisposeAsync();
        }

        private static List<SearchCandidate> VectorRanked(IReadOnlyList<SearchCandidate> candidates) =>
            [.. candidates.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank)];
    }
}
