namespace MemoryFunctions.Local.Ingestion;

/// <summary>A clause with its relative dates resolved; <paramref name="Date"/> and <paramref name="Phrase"/> ("May 2023") describe the first one.</summary>
internal sealed record ResolvedDate(string Text, DateOnly? Date, string? Phrase);
