using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Checks reconciler output before anything is written. A decision is never guessed into shape: a target that is not
/// one of the fact's neighbours turns it into a NOOP that says why, a fact index out of range drops it, and a fact
/// without any decision gets a NOOP. A model that hallucinates an id therefore cannot touch an unrelated memory. At most one
/// decision per fact and target is kept (the first), so a fact makes at most one decision per neighbour plus one: a model
/// that repeats itself cannot multiply the writes.
/// </summary>
internal static class DecisionValidator
{
    public static IReadOnlyList<ReconciliationDecision> Validate(
        IReadOnlyList<FactWithNeighbours> facts,
        IReadOnlyList<ReconciliationDecision> decisions,
        Action<ReconciliationDecision, string> rejected)
    {
        var valid = new List<ReconciliationDecision>(decisions.Count);
        var decided = new HashSet<(int FactIndex, string? Target)>();
        foreach (var decision in decisions)
        {
            if (decision.FactIndex < 0 || decision.FactIndex >= facts.Count)
            {
                rejected(decision, $"fact index out of range (0..{facts.Count - 1})");
                continue;
            }

            var neighbours = facts[decision.FactIndex].Neighbours;
            var targetKnown = decision.TargetMemoryId is { } target && neighbours.Any(n => string.Equals(n.Memory.Id, target, StringComparison.Ordinal));
            var checkedDecision = decision.Action switch
            {
                MemoryAction.Add => decision with { TargetMemoryId = null },
                MemoryAction.Noop => targetKnown ? decision : decision with { TargetMemoryId = null },
                _ when targetKnown => decision,
                _ => Reject(decision, decision.TargetMemoryId is null ? "no target given" : "target is not one of the fact's neighbours", rejected),
            };

            if (decided.Add((checkedDecision.FactIndex, checkedDecision.TargetMemoryId)))
            {
                valid.Add(checkedDecision);
            }
        }

        var factsDecided = decided.Select(key => key.FactIndex).ToHashSet();
        for (var index = 0; index < facts.Count; index++)
        {
            if (!factsDecided.Contains(index))
            {
                valid.Add(new ReconciliationDecision(index, MemoryAction.Noop, Reason: "no decision from the reconciler"));
            }
        }

        return [.. valid.OrderBy(decision => decision.FactIndex)];
    }

    private static ReconciliationDecision Reject(ReconciliationDecision decision, string why, Action<ReconciliationDecision, string> rejected)
    {
        rejected(decision, why);
        return new ReconciliationDecision(decision.FactIndex, MemoryAction.Noop, Reason: $"rejected {decision.Action.ToString().ToUpperInvariant()}: {why}");
    }
}
