namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// Decides, for each candidate fact, whether it is new, refines, replaces or retracts an existing memory, or repeats one.
/// Implementations: similarity + slot rules (local) and LLM. Decisions may only target a fact's own neighbours.
/// </summary>
public interface IMemoryReconciler
{
    Task<ReconciliationResult> ReconcileAsync(IReadOnlyList<FactWithNeighbours> facts, CancellationToken cancellationToken = default);
}
