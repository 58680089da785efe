namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// A prompt-ready block fenced as untrusted data, its estimated token count, the ids of the memories it includes (in
/// order), and whether the budget cut anything off.
/// </summary>
public sealed record ContextResponse(string Context, int EstimatedTokens, IReadOnlyList<string> Memories, bool Truncated);
