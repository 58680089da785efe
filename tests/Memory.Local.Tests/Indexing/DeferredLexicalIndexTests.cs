using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// A partition loaded at start-up builds its lexical index afterwards (<see cref="PartitionIndex.EnsureLexicalIndex()"/>),
/// while writes go on. Whatever the writes before, during and after that build, every search must answer exactly what
/// a partition that indexed every write as it came answers: same candidates, same lexical ranks and scores.
/// </summary>
public sealed class DeferredLexicalIndexTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly string[] Words = ["tea", "coffee", "lisbon", "porto", "dog", "cat", "piano", "guitar", "nurse", "pilot", "sister", "garden"];
    private static readonly MemoryKind[] Kinds = [MemoryKind.Fact, MemoryKind.Turn, MemoryKind.Preference];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Search_WritesBeforeDuringAndAfterTheDeferredBuild_AnswersAsAnIndexBuiltAlongTheWay(int seed)
    {
        var random = new Random(seed);
        using var deferred = new PartitionIndex(deferLexicalIndex: true);
        using var reference = new PartitionIndex();
        var live = new List<string>();
        var writes = new Writes(random, live, deferred, reference);

        // Enough records for several build steps, then writes between every step of the build, then after it.
        writes.Apply(random.Next(600, 1_500));
        Assert.False(deferred.HasLexicalIndex);
        deferred.EnsureLexicalIndex(afterStep: () => writes.Apply(random.Next(0, 40)));
        Assert.True(deferred.HasLexicalIndex);
        writes.Apply(200);

        foreach (var query in Queries(random))
        {
            AssertSameAnswer(reference.Search(query), deferred.Search(query));
        }
    }

    [Fact]
    public async Task Search_WhileTheBuildRuns_WaitsForItAndAnswersInFull()
    {
        var random = new Random(7);
        using var deferred = new PartitionIndex(deferLexicalIndex: true);
        using var reference = new PartitionIndex();
        new Writes(random, [], deferred, reference).Apply(2_000);
        var query = new MemorySearchQuery([1f, 0f, 0f, 0f], "tea lisbon piano", new MemoryFilter { At = StoreHarness.T0.AddDays(30) }, 40);
        using var midBuild = new ManualResetEventSlim();
        using var searchStarted = new ManualResetEventSlim();

        // The build pauses after its first step until a search has started; that search must not see the half-built index.
        var build = Task.Run(() => deferred.EnsureLexicalIndex(afterStep: () =>
        {
            midBuild.Set();
            searchStarted.Wait(TimeSpan.FromSeconds(10));
        }));
        Assert.True(midBuild.Wait(TimeSpan.FromSeconds(10)));
        var search = Task.Run(() => deferred.Search(query));
        await Task.Delay(100);
        Assert.False(search.IsCompleted);
        searchStarted.Set();
        var answer = await search;
        await build;

        Assert.Contains(answer, candidate => candidate.LexicalRank is not null);
        AssertSameAnswer(reference.Search(query), answer);
    }

    [Fact]
    public void EnsureLexicalIndex_PartitionErasedMidBuild_StopsAndPublishesNothing()
    {
        var random = new Random(3);
        using var deferred = new PartitionIndex(deferLexicalIndex: true);
        using var reference = new PartitionIndex();
        new Writes(random, [], deferred, reference).Apply(1_000);
        var steps = 0;

        deferred.EnsureLexicalIndex(afterStep: () =>
        {
            if (++steps == 1)
            {
                deferred.Retire();
            }
        });

        Assert.InRange(steps, 1, 2); // 1,000 records are four steps: it stopped at the first after the erase
        Assert.False(deferred.HasLexicalIndex);
    }

    [Fact]
    public void Search_WithoutTerms_DoesNotBuildAndAnswersAsABuiltIndex()
    {
        using var deferred = new PartitionIndex(deferLexicalIndex: true);
        using var reference = new PartitionIndex();
        new Writes(new Random(5), [], deferred, reference).Apply(300);
        var query = new MemorySearchQuery([1f, 0f, 0f, 0f], "the of and", new MemoryFilter { At = StoreHarness.T0.AddDays(30) }, 20);

        AssertSameAnswer(reference.Search(query), deferred.Search(query));
        Assert.False(deferred.HasLexicalIndex);
    }

    [Fact]
    public async Task Open_StoreWithMemories_ServesSearchesBeforeAndAfterTheBackgroundBuildAlike()
    {
        await using var harness = new StoreHarness();
        var partitions = Enumerable.Range(0, 20).Select(i => new MemoryPartition("t1", $"user-{i}")).ToList();
        var random = new Random(11);
        foreach (var partition in partitions)
        {
            for (var i = 0; i < 30; i++)
            {
                var memory = StoreHarness.Memory(partition, Sentence(random) + $" {i}");
                await harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory));
            }
        }

        var query = new MemorySearchQuery([1f, 0f, 0f, 0f], "coffee garden", new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 10);
        var before = new List<IReadOnlyList<SearchCandidate>>();
        foreach (var partition in partitions)
        {
            before.Add(await harness.Memories.SearchAsync(partition, query));
        }

        await harness.ReopenAsync();
        for (var i = 0; i < partitions.Count; i++)
        {
            AssertSameAnswer(before[i], await harness.Memories.SearchAsync(partitions[i], query));
        }

        await harness.Engine.WhenLexicalIndexesBuiltAsync();
        Assert.All(partitions, partition => Assert.True(harness.Engine.FindPartition(partition)!.HasLexicalIndex));
        for (var i = 0; i < partitions.Count; i++)
        {
            AssertSameAnswer(before[i], await harness.Memories.SearchAsync(partitions[i], query));
        }
    }

    private static void AssertSameAnswer(IReadOnlyList<SearchCandidate> expected, IReadOnlyList<SearchCandidate> actual) =>
        Assert.Equal(
            expected.Select(c => (c.Memory.Id, c.VectorRank, c.LexicalRank, c.LexicalScore, c.LexicalMaximum)),
            actual.Select(c => (c.Memory.Id, c.VectorRank, c.LexicalRank, c.LexicalScore, c.LexicalMaximum)));

    private static IEnumerable<MemorySearchQuery> Queries(Random random)
    {
        for (var i = 0; i < 30; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]));
            yield return new MemorySearchQuery([1f, 0f, 0f, 0f], text, new MemoryFilter { At = StoreHarness.T0.AddDays(30) }, random.Next(1, 60));
        }
    }

    private static string Sentence(Random random) => string.Join(' ', Enumerable.Range(0, random.Next(2, 9)).Select(_ => Words[random.Next(Words.Length)]));

    /// <summary>The same random writes to both partitions: new memories (some reusing a freed slot), new text for one held, deletes.</summary>
    private sealed class Writes(Random random, List<string> live, PartitionIndex deferred, PartitionIndex reference)
    {
        private int _next;

        public void Apply(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (live.Count > 0 && random.Next(5) == 0)
                {
                    var victim = live[random.Next(live.Count)];
                    deferred.Delete(victim, null);
                    reference.Delete(victim, null);
                    live.Remove(victim);
                    continue;
                }

                var id = live.Count > 0 && random.Next(4) == 0 ? live[random.Next(live.Count)] : $"m{_next++}";
                var memory = StoreHarness.Memory(Partition, Sentence(random), [(float)random.NextDouble(), 1f, 0f, 0f], StoreHarness.T0.AddMinutes(_next)) with
                {
                    Id = id,
                    Kind = Kinds[random.Next(Kinds.Length)],
                    Speaker = random.Next(4) == 0 ? "Sam" : null,
                    PrecedingText = random.Next(3) == 0 ? Sentence(random) : null,
                };
                deferred.Put(memory, null);
                reference.Put(memory, null);
                if (!live.Contains(id))
                {
                    live.Add(id);
                }
            }
        }
    }
}
