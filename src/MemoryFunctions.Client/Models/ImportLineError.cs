namespace MemoryFunctions.Client.Models;

/// <summary>A refused line of an import (or why it stopped), as the problem the same memory would get from <c>POST /memories</c>, with its 1-based line number.</summary>
public sealed record ImportLineError(long Line, string Type, string Title, int Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);
