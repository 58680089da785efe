using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Ingestion;

public sealed record ExtractionResult(IReadOnlyList<CandidateFact> Facts, TokenUsage Usage);
