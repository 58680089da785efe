using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Ingestion;

public sealed record ReconciliationResult(IReadOnlyList<ReconciliationDecision> Decisions, TokenUsage Usage);
