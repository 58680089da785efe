namespace MemoryFunctions.Core.Domain;

public static class MemoryKinds
{
    /// <summary>
    /// The kinds that state single memories: every kind but the rolling summaries and profiles, which restate many
    /// memories at once, and kept turns, which are what was said rather than what is known. Reconciliation compares
    /// new facts with these only, so a fact never updates or supersedes a turn.
    /// </summary>
    public static IReadOnlyList<MemoryKind> Recallable { get; } = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Episodic, MemoryKind.Procedural];

    /// <summary>What a search covers unless told otherwise: the single memories and the kept turns they came from.</summary>
    public static IReadOnlyList<MemoryKind> Searchable { get; } = [.. Recallable, MemoryKind.Turn];
}
