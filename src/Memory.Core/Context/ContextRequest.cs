using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Context;

/// <summary>Ask for a prompt-ready block: the memories most relevant to <paramref name="Query"/>, with summaries, within <paramref name="MaxTokens"/>.</summary>
public sealed record ContextRequest(string Query, MemoryFilter Filter, int MaxTokens, int MaxMemories = 50);
