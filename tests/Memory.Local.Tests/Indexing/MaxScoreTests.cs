using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Text;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// The lexical channel skips most postings of common words (MaxScore, issue 27): whatever it skips, its top k must be
/// exactly what scoring every text with BM25 gives — same memories, same scores to the bit, ties by id — through
/// inserts, replaced texts and deletes (reused slots land in the middle of the sorted posting lists) and filters.
/// </summary>
public sealed class MaxScoreTests
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private static readonly MemoryPartition Partition = new("t1", "u1");

    // Few words with skewed frequencies, so that lists are long, many texts tie and the bounds prune.
    private static readonly string[] Words = ["tea", "coffee", "oslo", "chess", "bike", "garden", "piano", "river", "lamp", "kiwi", "opal", "quartz", "violin", "sail"];

    [Fact]
    public void Search_ZipfCorpusWithChurn_LexicalTopKEqualsScoringEveryText()
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var random = new Random(seed);
            using var index = new PartitionIndex();
            var live = new Dictionary<string, MemoryRecord>(StringComparer.Ordinal);
            for (var step = 0; step < random.Next(50, 1500); step++)
            {
                if (live.Count > 0 && random.Next(5) == 0)
                {
                    var victim = live.Keys.ElementAt(random.Next(live.Count));
                    index.Delete(victim, null);
                    live.Remove(victim);
                    continue;
                }

                // A new memory, or (one time in six) a new text for one already there.
                var id = live.Count > 0 && random.Next(6) == 0 ? live.Keys.ElementAt(random.Next(live.Count)) : $"m{random.Next(1_000_000):D7}-{step}";
                var memory = StoreHarness.Memory(Partition, Text(random, random.Next(1, 12)), [1f, 0f, 0f, 0f]) with
                {
                    Id = id,
                    Kind = random.Next(4) == 0 ? MemoryKind.Preference : MemoryKind.Fact,
                };
                index.Put(memory, null);
                live[id] = memory;
            }

            for (var q = 0; q < 8; q++)
            {
                var query = Text(random, random.Next(1, 7)) + (random.Next(4) == 0 ? " zebra" : "");
                var filter = new MemoryFilter { At = StoreHarness.T0.AddDays(1), Kinds = random.Next(3) == 0 ? [MemoryKind.Fact] : null };
                var take = random.Next(1, 60);

                var found = index.Search(new MemorySearchQuery([0f, 0f, 0f, 0f], query, filter, take));

                var lexical = found.Where(c => c.LexicalRank is not null).OrderBy(c => c.LexicalRank).Select(c => (c.Memory.Id, c.LexicalScore!.Value)).ToList();
                Assert.Equal(Bm25(live.Values, query, filter).Take(take).ToList(), lexical);
                Assert.All(found, c => Assert.Equal(Bm25Maximum(live.Values, query), c.LexicalMaximum!.Value, 12));
            }
        }
    }

    /// <summary>Words drawn with weight 1/rank: the first few are in most texts, the last in few.</summary>
    private static string Text(Random random, int length) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[Zipf(random)]));

    private static int Zipf(Random random)
    {
        var total = Enumerable.Range(1, Words.Length).Sum(rank => 1.0 / rank);
        var draw = random.NextDouble() * total;
        for (var rank = 1; rank <= Words.Length; rank++)
        {
            draw -= 1.0 / rank;
            if (draw <= 0)
            {
                return rank - 1;
            }
        }

        return Words.Length - 1;
    }

    /// <summary>Okapi BM25 of every matching text that passes the filter, best first, ties by id: the reference.</summary>
    private static IEnumerable<(string Id, double Score)> Bm25(IEnumerable<MemoryRecord> memories, string query, MemoryFilter filter)
    {
        var texts = memories.Select(memory => (Memory: memory, Terms: TextTokenizer.Count(memory.Text))).ToList();
        var average = Math.Max(1.0, texts.Sum(text => (double)text.Terms.Length) / texts.Count);
        var terms = TextTokenizer.Terms(query).Distinct(StringComparer.Ordinal).ToList();
        return texts
            .Where(text => filter.Matches(text.Memory) && terms.Any(text.Terms.Frequencies.ContainsKey))
            .Select(text =>
            {
                var score = 0.0;
                foreach (var term in terms.Where(text.Terms.Frequencies.ContainsKey))
                {
                    var df = texts.Count(other => other.Terms.Frequencies.ContainsKey(term));
                    var idf = Math.Log(1 + ((texts.Count - df + 0.5) / (df + 0.5)));
                    double frequency = (float)text.Terms.Frequencies[term];
                    var norm = K1 * (1 - B + (B * (double)(float)text.Terms.Length / average));
                    score += idf * frequency * (K1 + 1) / (frequency + norm);
                }

                return (text.Memory.Id, score);
            })
            .OrderByDescending(match => match.score)
            .ThenBy(match => match.Id, StringComparer.Ordinal);
    }

    private static double Bm25Maximum(IEnumerable<MemoryRecord> memories, string query)
    {
        var texts = memories.Select(memory => TextTokenizer.Count(memory.Text).Frequencies).ToList();
        return TextTokenizer.Terms(query).Distinct(StringComparer.Ordinal)
            .Select(term => texts.Count(text => text.ContainsKey(term)))
            .Sum(df => Math.Log(1 + ((texts.Count - df + 0.5) / (df + 0.5))));
    }
}
