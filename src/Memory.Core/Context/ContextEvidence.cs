using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Context;

/// <summary>Everything a context block may draw on, before the budget decides what fits.</summary>
/// <param name="Profile">The user's profile, if any.</param>
/// <param name="SessionSummary">The summary of the session the request is about, if it names one.</param>
/// <param name="Ranked">Facts and kept turns, most relevant first.</param>
/// <param name="SupportingTurns">The kept turns each fact was extracted from, by fact id.</param>
/// <param name="SessionSummaries">Summaries of the sessions the facts and turns come from, by session id.</param>
public sealed record ContextEvidence(
    MemoryRecord? Profile,
    MemoryRecord? SessionSummary,
    IReadOnlyList<RankedMemory> Ranked,
    IReadOnlyDictionary<string, IReadOnlyList<MemoryRecord>>? SupportingTurns = null,
    IReadOnlyDictionary<string, MemoryRecord>? SessionSummaries = null);
