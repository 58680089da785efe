using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Local.Ingestion;
using Xunit.Abstractions;

namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>
/// Precision and recall of the rule-based extractor on a labelled set of natural turns written for this project
/// (Data/extraction-set.txt). Precision is the target: a wrong memory is worse than none, and the turn itself is kept.
/// </summary>
public sealed class ExtractionPrecisionTests(ITestOutputHelper output)
{
    private const double PrecisionTarget = 0.9;
    private const double RecallFloor = 0.6;

    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExtractAsync_LabelledSet_PrecisionAtLeastTarget()
    {
        var cases = LabelledTurn.Load(Path.Combine(AppContext.BaseDirectory, "Ingestion", "Data", "extraction-set.txt"));
        var extractor = new RuleBasedFactExtractor();
        var (extracted, correct, expected) = (0, 0, 0);
        foreach (var (turn, index) in cases.Select((turn, index) => (turn, index)))
        {
            var message = new ConversationMessage($"m{index}", MessageRole.User, turn.Text, Wednesday, turn.Speaker);
            var facts = (await extractor.ExtractAsync(new IngestionRequest([message]))).Facts.Select(fact => fact.Text).ToList();
            var gold = turn.Expected.Select(MemoryIds.Normalize).ToHashSet(StringComparer.Ordinal);
            var right = facts.Count(fact => gold.Contains(MemoryIds.Normalize(fact)));
            (extracted, correct, expected) = (extracted + facts.Count, correct + right, expected + gold.Count);
            if (right != facts.Count || right != gold.Count)
            {
                output.WriteLine($"{turn.Text}\n  expected: [{string.Join(" | ", turn.Expected)}]\n  got:      [{string.Join(" | ", facts)}]");
            }
        }

        var precision = (double)correct / extracted;
        var recall = (double)correct / expected;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} turns, {expected} labelled statements, {extracted} extracted, {correct} correct: precision {precision:F3}, recall {recall:F3}"));
        Assert.True(cases.Count >= 200, $"the labelled set has {cases.Count} turns, fewer than 200");
        Assert.True(precision >= PrecisionTarget, string.Create(CultureInfo.InvariantCulture, $"precision {precision:F3} < {PrecisionTarget}"));
        Assert.True(recall >= RecallFloor, string.Create(CultureInfo.InvariantCulture, $"recall {recall:F3} < {RecallFloor}: the extractor stopped finding facts"));
    }
}
