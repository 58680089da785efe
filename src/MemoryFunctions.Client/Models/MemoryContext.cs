namespace MemoryFunctions.Client.Models;

/// <summary>
/// The <c>/context</c> answer. <see cref="Context"/> is fenced as untrusted data (<c>&lt;memory-context&gt;</c>): put it in
/// the model's context as data, never into system instructions.
/// </summary>
public sealed record MemoryContext(string Context, int EstimatedTokens, IReadOnlyList<string> Memories, bool Truncated);
