using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// The search's precomputed filter bitmap and the block scan against the rule they stand for: every memory the
/// store returns matches <see cref="MemoryFilter.Matches"/>, and the vector channel is exactly the brute-force top-k
/// of the matching memories, across chunk boundaries of the vector block and after slots are reused.
/// </summary>
public sealed class FilterColumnsTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task SearchAsync_RandomFilters_VectorChannelIsTheBruteForceTopKOfMatchingMemories(int seed)
    {
        await using var harness = new StoreHarness(new LocalStoreOptions { ApproximateIndexThreshold = 0 });
        var random = new Random(seed);
        var kinds = Enum.GetValues<MemoryKind>();
        var live = new Dictionary<string, MemoryRecord>();
        for (var i = 0; i < 2600; i++)
        {
            var createdAt = StoreHarness.T0.AddHours(random.Next(0, 240));
            var memory = StoreHarness.Memory(Alice, $"memory {i}", [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f)], createdAt) with
            {
                Kind = kinds[random.Next(kinds.Length)],
                ValidFrom = createdAt.AddHours(random.Next(-48, 48)),
                ValidTo = random.Next(4) == 0 ? createdAt.AddHours(random.Next(1, 100)) : null,
                ExpiresAt = random.Next(6) == 0 ? createdAt.AddHours(random.Next(1, 100)) : null,
                SessionId = random.Next(3) == 0 ? "s1" : null,
                Tags = random.Next(3) == 0 ? ["x"] : [],
            };
            var stored = (await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory))).Memory!;
            live[stored.Id] = stored;
            if (random.Next(5) == 0)
            {
                var victim = live.Keys.ElementAt(random.Next(live.Count));
                await harness.Memories.DeleteAsync(Alice, victim, null, StoreHarness.Event(live[victim], HistoryOperation.Delete, StoreHarness.T0));
                live.Remove(victim);
            }
        }

        for (var round = 0; round < 30; round++)
        {
            var filter = new MemoryFilter
            {
                At = StoreHarness.T0.AddHours(random.Next(0, 300)),
                IncludeSuperseded = random.Next(2) == 0,
                Kinds = random.Next(2) == 0 ? null : [kinds[random.Next(kinds.Length)], kinds[random.Next(kinds.Length)]],
                SessionId = random.Next(4) == 0 ? "s1" : null,
                Tags = random.Next(4) == 0 ? ["x"] : null,
                CreatedFrom = random.Next(3) == 0 ? StoreHarness.T0.AddHours(random.Next(0, 120)) : null,
                CreatedTo = random.Next(3) == 0 ? StoreHarness.T0.AddHours(random.Next(120, 240)) : null,
            };
            float[] query = [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f)];
            var norm = MathF.Sqrt(query.Sum(x => x * x));

            var found = await harness.Memories.SearchAsync(Alice, new MemorySearchQuery(query, "", filter, 15));

            var expected = live.Values.Where(filter.Matches)
                .Select(m => (m.Id, Score: Dot(query, m.Embedding) / norm))
                .OrderByDescending(pair => pair.Score)
                .Take(15)
                .ToList();
            var actual = found.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank).ToList();
            Assert.Equal(expected.Select(pair => pair.Id), actual.Select(c => c.Memory.Id));
            Assert.All(found, c => Assert.True(filter.Matches(c.Memory)));
            Assert.All(actual, c => Assert.Equal(live[c.Memory.Id].Embedding, c.Memory.Embedding));
        }
    }

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
