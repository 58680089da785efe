using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Services;

/// <summary>The accepted operation, and whether this call created it (false: an idempotent repeat found the first one).</summary>
public sealed record IngestionSubmission(MemoryOperation Operation, bool Created);
