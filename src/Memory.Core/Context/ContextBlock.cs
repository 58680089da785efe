using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Context;

/// <summary>The rendered block, its estimated size, and the memories it includes (in order).</summary>
public sealed record ContextBlock(string Text, int EstimatedTokens, IReadOnlyList<RankedMemory> Memories, bool Truncated);
