using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// A statement worth remembering, as extracted from a conversation, before reconciliation decides what to do with it.
/// </summary>
/// <param name="Text">A short third-person statement ("Prefers Python over JavaScript").</param>
/// <param name="Slot">
/// The attribute the statement sets ("employer", "diet", "home city"), when the extractor can tell: a new value for a
/// slot supersedes the old one. Null when the statement is not single-valued.
/// </param>
/// <param name="IsRetraction">The user took something back ("I no longer eat meat"): the matching memory ends, nothing replaces it.</param>
/// <param name="ValidFrom">Event time: when the fact became true (a date the conversation states), else when it was said.</param>
/// <param name="SaidAt">
/// When the statement was made (its latest source message). An older statement never supersedes or retracts a memory
/// that is newer by event time, however late the old conversation is imported.
/// </param>
public sealed record CandidateFact(
    string Text,
    MemoryKind Kind,
    double Confidence,
    double Importance,
    IReadOnlyList<string> SourceMessageIds,
    MemorySource Source = MemorySource.User,
    string? Slot = null,
    bool IsRetraction = false,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? SaidAt = null);
