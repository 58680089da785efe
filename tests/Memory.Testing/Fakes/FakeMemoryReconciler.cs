using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>Decides with <see cref="Decide"/>; by default adds every fact. Remembers what it was shown.</summary>
public sealed class FakeMemoryReconciler : IMemoryReconciler
{
    public Func<IReadOnlyList<FactWithNeighbours>, IReadOnlyList<ReconciliationDecision>>? Decide { get; set; }

    public IReadOnlyList<FactWithNeighbours>? LastFacts { get; private set; }

    public Task<ReconciliationResult> ReconcileAsync(IReadOnlyList<FactWithNeighbours> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        LastFacts = facts;
        var decisions = Decide?.Invoke(facts) ?? [.. facts.Select((_, index) => new ReconciliationDecision(index, MemoryAction.Add))];
        return Task.FromResult(new ReconciliationResult(decisions, TokenUsage.None));
    }
}
