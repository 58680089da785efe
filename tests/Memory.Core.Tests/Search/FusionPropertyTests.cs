using FsCheck;
using FsCheck.Fluent;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;
using Microsoft.FSharp.Core;

namespace MemoryFunctions.Core.Tests.Search;

/// <summary>
/// Invariants of every fusion method, on random candidate sets (distinct scores, ranks derived from them, recency and
/// importance switched off so only the fusion orders): what a channel alone ranks first, the fusion ranks first when the
/// other channel is empty; first in both channels stays first; raising a candidate's score in one channel never lowers
/// its fused score.
/// </summary>
public sealed class FusionPropertyTests
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261130, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void Rank_OneChannelEmpty_FusedOrderIsTheOtherChannelsOrder()
    {
        Check(Scenarios(), scenario =>
        {
            var vectorOnly = scenario with { Lexical = [.. scenario.Lexical.Select(_ => (int?)null)], VectorWeight = Math.Max(1, scenario.VectorWeight) };
            var lexicalOnly = scenario with { Vector = [.. scenario.Vector.Select(_ => (int?)null)], LexicalWeight = Math.Max(1, scenario.LexicalWeight) };
            var lexicalOrder = Enumerable.Range(0, scenario.Count).Where(i => scenario.Lexical[i] is not null).OrderByDescending(i => scenario.Lexical[i]);
            return Ranked(vectorOnly).SequenceEqual(Enumerable.Range(0, scenario.Count).OrderByDescending(i => scenario.Vector[i]))
                && Ranked(lexicalOnly).Take(lexicalOrder.Count()).SequenceEqual(lexicalOrder);
        });
    }

    [Fact]
    public void Rank_FirstInBothChannels_StaysFirst()
    {
        Check(Scenarios().Where(s => s.VectorWeight + s.LexicalWeight > 0), scenario =>
        {
            var top = scenario with
            {
                Vector = [.. scenario.Vector.Select((v, i) => i == 0 ? (900 * 32) + 31 : v)],
                Lexical = [.. scenario.Lexical.Select((l, i) => i == 0 ? (9000 * 32) + 31 : l)],
            };
            return Ranked(top)[0] == 0;
        });
    }

    [Fact]
    public void Rank_RaisingOneChannelScore_NeverLowersTheFusedScore()
    {
        var raises = Scenarios().SelectMany(scenario => Gen.Choose(0, scenario.Count - 1).Select(index => (scenario, index)));
        Check(raises, pair =>
        {
            var (scenario, i) = pair;
            var before = Fused(scenario, i);
            var closer = scenario with { Vector = [.. scenario.Vector.Select((v, j) => j == i ? v + 37 : v)] };
            var wordier = scenario with { Lexical = [.. scenario.Lexical.Select((l, j) => j == i ? (l ?? 0) + 41 : l)] };
            return Fused(closer, i) >= before - 1e-12 && Fused(wordier, i) >= before - 1e-12;
        });
    }

    private static void Check<T>(Gen<T> gen, Func<T, bool> property) =>
        Prop.ForAll(Arb.From(gen), property).Check(Config);

    /// <summary>
    /// 1 to 25 candidates, every one with a cosine, three in four with a BM25 score; scores distinct by construction
    /// (generated value × 32 + position, so order follows the generated value and ties go by position).
    /// </summary>
    private static Gen<Scenario> Scenarios() =>
        from method in Gen.Elements(Enum.GetValues<FusionMethod>())
        from vectorWeight in Gen.Choose(0, 3)
        from lexicalWeight in Gen.Choose(0, 3)
        from count in Gen.Choose(1, 25)
        from vector in Gen.ArrayOf(Gen.Choose(1, 900), count)
        from lexical in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 9000))), count)
        select new Scenario(
            method,
            vectorWeight,
            lexicalWeight,
            [.. vector.Select((v, i) => (int?)((v * 32) + i))],
            [.. lexical.Select((l, i) => l == 0 ? null : (int?)((l * 32) + i))]);

    private static List<int> Ranked(Scenario scenario)
    {
        var candidates = scenario.Candidates();
        var ids = candidates.Select((c, i) => (c.Memory.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return [.. Ranker(scenario).Rank(candidates, candidates.Count, 0).Select(r => ids[r.Memory.Id])];
    }

    private static double Fused(Scenario scenario, int index)
    {
        var candidates = scenario.Candidates();
        return Ranker(scenario).Rank(candidates, candidates.Count, 0).Single(r => r.Memory.Id == candidates[index].Memory.Id).Explanation.Fusion;
    }

    private static HybridRanker Ranker(Scenario scenario) =>
        new(
            Options.Create(new RankingOptions
            {
                Fusion = scenario.Method, VectorWeight = scenario.VectorWeight, LexicalWeight = scenario.LexicalWeight, RecencyWeight = 0, ImportanceWeight = 0,
            }),
            new FakeTimeProvider(TestMemories.Start));

    /// <summary>Scores as integers so that "distinct" is exact: cosine = v / 32,000 (below 1), BM25 = l / 320; the query maximum 100.</summary>
    internal sealed record Scenario(FusionMethod Method, int VectorWeight, int LexicalWeight, int?[] Vector, int?[] Lexical)
    {
        public int Count => Vector.Length;

        public List<SearchCandidate> Candidates()
        {
            var vectorRanks = Ranks(Vector);
            var lexicalRanks = Ranks(Lexical);
            return
            [
                .. Enumerable.Range(0, Count).Select(i => new SearchCandidate(
                    TestMemories.Create($"memory {i}"),
                    Vector[i] / 32_000.0,
                    vectorRanks[i],
                    Lexical[i] / 320.0,
                    lexicalRanks[i],
                    100.0)),
            ];
        }

        private static int?[] Ranks(int?[] scores)
        {
            var ranks = new int?[scores.Length];
            var order = Enumerable.Range(0, scores.Length).Where(i => scores[i] is not null).OrderByDescending(i => scores[i]).ToList();
            for (var rank = 0; rank < order.Count; rank++)
            {
                ranks[order[rank]] = rank + 1;
            }

            return ranks;
        }
    }
}
