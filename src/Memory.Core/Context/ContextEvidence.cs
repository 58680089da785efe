using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Context;

/// <summary>Everything a context block may draw on, before the budget decides what fits.</summary>
/// <param name="Profile">The user's profile, if any.</param>
/// <param name="SessionSummary">The summary of the current session (the one the caller is in), if it names one.</param>
/// <param name="Ranked">Facts and kept turns, most relevant first.</param>
/// <param name="SupportingTurns">The kept turns each fact was extracted from, by fact id.</param>
/// <param name="SessionSummaries">Summaries of the sessions the facts and turns come from, by session id.</param>
public sealed record ContextEvidence(
    MemoryRecord? Profile,
    MemoryRecord? SessionSummary,
    IReadOnlyList<RankedMemory> Ranked,
    IReadOnlyDictionary<string, IReadOnlyList<MemoryRecord>>? SupportingTurns = null,
    IReadOnlyDictionary<string, MemoryRecord>? SessionSummaries = null)
{
    /// <summary>The question the block is for: it chooses the profile and summary lines shown, and when a neighbouring turn adds meaning. Empty: every profile line.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>The turns of the sessions of the strongest hits, each in posted order, by session id: where neighbouring turns come from.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MemoryRecord>>? SessionTurns { get; init; }

    /// <summary>
    /// When the statements of the profile lines the block may show were made (the event time of the fact each states), by
    /// normalised text (<see cref="MemoryIds.Normalize"/>); a line without an entry is shown undated.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? StatementDates { get; init; }

    /// <summary>The latest turns of the current session, in posted order.</summary>
    public IReadOnlyList<MemoryRecord> RecentTurns { get; init; } = [];
}
