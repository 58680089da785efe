using System.Globalization;
using System.Text;

namespace MemoryFunctions.Bench.Context;

/// <summary>The context-versus-full-history table, with mem0's published figures beside it for orientation.</summary>
internal sealed class ContextReport
{
    public int Users { get; init; }

    public int Sessions { get; init; }

    public int TurnsPerSession { get; init; }

    public int TotalTurns => Users * Sessions * TurnsPerSession;

    public TimeSpan IngestionTime { get; set; }

    public int OperationsSucceeded { get; set; }

    public int OperationErrors { get; set; }

    public string? FirstError { get; set; }

    public List<ContextBudgetResult> Budgets { get; } = [];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Context block vs full history ({Users} users × {Sessions} sessions × {TurnsPerSession} turns, generated with a fixed seed)");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Ingested through `POST /messages` and the local workflow (sessions of a user in order, users in parallel): {TotalTurns:N0} turns, {OperationsSucceeded} operations succeeded, {OperationErrors} failed or unfinished, {IngestionTime.TotalSeconds:F1} s ({TotalTurns / IngestionTime.TotalSeconds:N0} turns/s). ");
        text.Append("Tokens are Core's `TokenEstimator` (characters ÷ 4) for both columns; full history = every turn of the user as `role: content` lines. ");
        text.AppendLine("Answer in context = the fact's latest value (after a job change or a move: the new one) appears in the block.");
        text.AppendLine();
        text.AppendLine("| system | queries | errors | full-history tokens/query | context tokens/query | saving | answer in context | latency p50 / p95 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var budget in Budgets)
        {
            text.AppendLine(budget.Row());
        }

        text.AppendLine("| mem0 — **their published figures for their system** (LOCOMO), not measured here | — | — | 26,031 | 1,764 | 93.2 % | (their accuracy metric differs) | search p95 200 ms |");
        var misses = Budgets.SelectMany(b => b.MissesByQuestion.Select(m => $"{m.Key} ×{m.Value} (maxTokens {b.MaxTokens})")).ToList();
        if (misses.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Answers missing from the block: {string.Join("; ", misses)}.");
        }

        if (FirstError is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"First error: `{FirstError}`");
        }

        return text.ToString();
    }
}
