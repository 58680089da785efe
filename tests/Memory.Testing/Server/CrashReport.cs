using System.Globalization;
using System.Text;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// The verdict of a crash run. Direct writes and facts (one per operation) are each recovered (exactly once), lost
/// (absent) or duplicated (more than once); <see cref="DuplicateTexts"/> counts every (kind, text) stored more than once
/// in any user, acknowledged or not. <see cref="Problems"/> holds a few examples for failure messages.
/// </summary>
public sealed record CrashReport
{
    public required int WritesAcknowledged { get; init; }

    public required int WritesRecovered { get; init; }

    public required int WritesLost { get; init; }

    public required int WritesDuplicated { get; init; }

    /// <summary>Acknowledged direct writes missing from <c>GET /users/{userId}/memories</c> (all pages).</summary>
    public required int WritesNotListed { get; init; }

    public required int OperationsAcknowledged { get; init; }

    public required int OperationsSucceeded { get; init; }

    public required int OperationsFailed { get; init; }

    public required int OperationsUnfinished { get; init; }

    public required int FactsRecovered { get; init; }

    public required int FactsLost { get; init; }

    public required int FactsDuplicated { get; init; }

    public required int DuplicateTexts { get; init; }

    public required int MemoriesExported { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    public bool IsClean =>
        WritesLost == 0 && WritesDuplicated == 0 && WritesNotListed == 0 && OperationsSucceeded == OperationsAcknowledged
        && FactsLost == 0 && FactsDuplicated == 0 && DuplicateTexts == 0;

    /// <summary>A Markdown table of the counts (the form docs/reliability.md records).</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| what | acknowledged | recovered | lost | duplicated |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        Row(table, "direct writes (201/200)", WritesAcknowledged, WritesRecovered, WritesLost, WritesDuplicated);
        Row(table, "operations (202) → succeeded", OperationsAcknowledged, OperationsSucceeded, OperationsAcknowledged - OperationsSucceeded, 0);
        Row(table, "facts of those operations (memories)", OperationsAcknowledged, FactsRecovered, FactsLost, FactsDuplicated);
        table.AppendLine(CultureInfo.InvariantCulture, $"\nDirect writes missing from the paged list: {WritesNotListed}. Operations failed: {OperationsFailed}, unfinished at the deadline: {OperationsUnfinished}. "
            + $"Memories exported: {MemoriesExported}; (kind, text) stored more than once: {DuplicateTexts}.");
        return table.ToString();
    }

    public override string ToString() => ToTable() + string.Join('\n', Problems);

    private static void Row(StringBuilder table, string what, int acknowledged, int recovered, int lost, int duplicated) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {acknowledged:N0} | {recovered:N0} | {lost:N0} | {duplicated:N0} |");
}
