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
/// <param name="ValidFrom">When the fact became true, if the conversation says (resolved relative dates), else null.</param>
public sealed record CandidateFact(
    string Text,
    MemoryKind Kind,
    double Confidence,
    double Importance,
    IReadOnlyList<string> SourceMessageIds,
    MemorySource Source = MemorySource.User,
    string? Slot = null,
    bool IsRetraction = false,
    DateTimeOffset? ValidFrom = null);
