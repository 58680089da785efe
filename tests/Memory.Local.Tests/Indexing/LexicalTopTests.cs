using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// The lexical channel keeps only its best few matches instead of ranking them all (store search cost at 100k, issue 27):
/// its top k must be exactly the first k of the full ranking — score, then id — ties and filters included.
/// </summary>
public sealed class LexicalTopTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly string[] Words = ["tea", "coffee", "oslo", "chess", "bike", "garden", "piano", "river"];

    [Fact]
    public void Search_AnyCorpusAndQuery_LexicalTopKIsThePrefixOfTheFullRanking()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            using var index = new PartitionIndex();
            var count = random.Next(1, 300);
            for (var i = 0; i < count; i++)
            {
                // Few words, so most memories tie with several others.
                var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]));
                index.Put(StoreHarness.Memory(Partition, $"{text} {i % 7}", [1f, 0f, 0f, 0f]) with { Kind = i % 5 == 0 ? MemoryKind.Preference : MemoryKind.Fact, Id = $"m{random.Next(1_000_000):D7}-{i}" }, null);
            }

            var query = string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => Words[random.Next(Words.Length)]));
            var filter = new MemoryFilter { At = StoreHarness.T0.AddDays(1), Kinds = seed % 2 == 0 ? null : [MemoryKind.Fact] };
            var all = Lexical(index.Search(new MemorySearchQuery([0f, 0f, 0f, 0f], query, filter, count)));
            var take = random.Next(1, 20);

            var top = Lexical(index.Search(new MemorySearchQuery([0f, 0f, 0f, 0f], query, filter, take)));

            Assert.Equal(all.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal).Take(take).ToList(), top);
            Assert.Equal(all.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), all.Select(c => c.Id));
        }
    }

    /// <summary>The lexical candidates in lexical rank order (the query vector is zero, so no vector channel).</summary>
    private static List<(string Id, double Score)> Lexical(List<SearchCandidate> candidates) =>
        [.. candidates.Where(c => c.LexicalRank is not null).OrderBy(c => c.LexicalRank).Select(c => (c.Memory.Id, c.LexicalScore!.Value))];
}
