using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Validated decisions: every fact has at least one, every target is one of that fact's neighbours. Decisions the
/// reconciler got wrong arrive here as NOOPs whose reason says why they were rejected.
/// </summary>
public sealed record DecideOutput(IReadOnlyList<ReconciliationDecision> Decisions, TokenUsage Usage);
