using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// A model-free <see cref="IMemoryReconciler"/>. Per fact, first rule that applies:
/// <list type="number">
/// <item>a neighbour with the same content hash → NOOP (exact repeat);</item>
/// <item>a retraction → DELETE every current neighbour that states what is taken back (same object, or a member of its
/// food category: "No longer eats meat" ends "Eats meat" and "Loves steak"); none → NOOP;</item>
/// <item>a neighbour with the same slot: if the fact contains its text it adds detail → UPDATE; if the neighbour contains
/// the fact's text → NOOP; otherwise the slot has a new value → SUPERSEDE it (further same-slot neighbours → DELETE);</item>
/// <item>the most similar neighbour: similarity ≥ DetailSimilarity and the fact contains its text → UPDATE;
/// similarity ≥ DuplicateSimilarity, or it contains the fact's text → NOOP;</item>
/// <item>otherwise ADD.</item>
/// </list>
/// </summary>
public sealed class SimilarityReconciler(IOptions<SimilarityReconcilerOptions> options) : IMemoryReconciler
{
    private static readonly HashSet<string> TemplateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "longer", "is", "are", "works", "at", "for", "as", "lives", "in", "eats", "loves", "likes", "enjoys", "hates", "dislikes",
        "a", "an", "the", "of", "to", "with", "has", "named", "their", "does", "not", "eat", "from", "married", "prefers", "over", "since",
    };

    private readonly SimilarityReconcilerOptions _options = options.Value;

    public Task<ReconciliationResult> ReconcileAsync(IReadOnlyList<FactWithNeighbours> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var decisions = new List<ReconciliationDecision>();
        for (var index = 0; index < facts.Count; index++)
        {
            decisions.AddRange(Decide(index, facts[index]));
        }

        return Task.FromResult(new ReconciliationResult(decisions, TokenUsage.None));
    }

    private List<ReconciliationDecision> Decide(int index, FactWithNeighbours item)
    {
        var fact = item.Fact;
        var neighbours = item.Neighbours.Where(n => n.Memory.ValidTo is null).ToList();
        var hash = MemoryIds.ContentHash(fact.Text);
        var factText = MemoryIds.Normalize(fact.Text);

        if (!fact.IsRetraction && neighbours.Find(n => n.Memory.ContentHash == hash) is { } repeat)
        {
            return [new(index, MemoryAction.Noop, repeat.Memory.Id, Reason: "exact repeat")];
        }

        if (fact.IsRetraction)
        {
            var terms = ObjectTerms(fact.Text);
            var ended = neighbours
                .Where(n => Mentions(n.Memory, terms))
                .Select(n => new ReconciliationDecision(index, MemoryAction.Delete, n.Memory.Id, Reason: "retracted by the user"))
                .ToList();
            return ended.Count > 0 ? ended : [new(index, MemoryAction.Noop, Reason: "retraction matches no current memory")];
        }

        var sameSlot = fact.Slot is null ? [] : neighbours.Where(n => SlotOf(n.Memory) == fact.Slot).OrderByDescending(n => n.Similarity).ToList();
        if (sameSlot.Count > 0)
        {
            var current = sameSlot[0];
            var currentText = MemoryIds.Normalize(current.Memory.Text);
            if (factText.Contains(currentText, StringComparison.Ordinal))
            {
                return [new(index, MemoryAction.Update, current.Memory.Id, fact.Text, "same slot, adds detail")];
            }

            if (currentText.Contains(factText, StringComparison.Ordinal))
            {
                return [new(index, MemoryAction.Noop, current.Memory.Id, Reason: "already known in more detail")];
            }

            return sameSlot.Skip(1)
                .Select(n => new ReconciliationDecision(index, MemoryAction.Delete, n.Memory.Id, Reason: $"slot '{fact.Slot}' has a new value"))
                .Prepend(new(index, MemoryAction.Supersede, current.Memory.Id, Reason: $"new value for slot '{fact.Slot}'"))
                .ToList();
        }

        // A slotless fact is about something other than a neighbour holding one of the user's own attributes (home city,
        // employer, name…: the slots without a "kind:" key) even when it contains its words: "Sister Anna lives in Lyon"
        // contains the user's "Lives in Lyon" but is no detail of it. Updating it there overwrote the user's home city
        // with the sister's, and the user's next move then superseded the sister's city (found by the context benchmark).
        var best = neighbours
            .Where(n => fact.Slot is not null || SlotOf(n.Memory) is not { } slot || slot.Contains(':', StringComparison.Ordinal))
            .OrderByDescending(n => n.Similarity)
            .FirstOrDefault();
        if (best is not null)
        {
            var bestText = MemoryIds.Normalize(best.Memory.Text);
            if (best.Similarity >= _options.DetailSimilarity && factText.Contains(bestText, StringComparison.Ordinal))
            {
                return [new(index, MemoryAction.Update, best.Memory.Id, fact.Text, "adds detail to a similar memory")];
            }

            if (best.Similarity >= _options.DuplicateSimilarity || (best.Similarity >= _options.DetailSimilarity && bestText.Contains(factText, StringComparison.Ordinal)))
            {
                return [new(index, MemoryAction.Noop, best.Memory.Id, Reason: "near duplicate")];
            }
        }

        return [new(index, MemoryAction.Add, Reason: "new")];
    }

    private static string? SlotOf(MemoryRecord memory) =>
        memory.Metadata.TryGetValue(IngestionConventions.SlotMetadataKey, out var slot) ? slot.Text : StatementSlots.Detect(memory.Text);

    /// <summary>What a retraction takes back: its words minus the statement template, each expanded by its food category.</summary>
    private static HashSet<string> ObjectTerms(string retraction) =>
        Words(retraction).Where(word => !TemplateWords.Contains(word)).SelectMany(FoodCategories.Expand).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool Mentions(MemoryRecord memory, HashSet<string> terms) =>
        terms.Count > 0 && Words(memory.Text).Any(terms.Contains);

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
}
