namespace MemoryFunctions.Core.Text;

/// <summary>A clause with its relative dates resolved; <paramref name="Date"/> and <paramref name="Phrase"/> ("May 2023") describe the first one.</summary>
public sealed record ResolvedDate(string Text, DateOnly? Date, string? Phrase);
