namespace MemoryFunctions.Core.Domain;

public static class MemoryKinds
{
    /// <summary>
    /// The kinds that state single memories: every kind but the rolling summaries and profiles, which restate many
    /// memories at once. Searches and reconciliation cover these unless told otherwise.
    /// </summary>
    public static IReadOnlyList<MemoryKind> Recallable { get; } = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Episodic, MemoryKind.Procedural];
}
