using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Finds each fact's neighbours: the nearest current memories (at most <see cref="IngestionOptions.MaxNeighbours"/>,
/// above <see cref="IngestionOptions.MinSimilarity"/>), the current value of its slot, memories this operation ended on an
/// earlier run (restored as it found them), and the nearest earlier facts of the same request. Memories this operation
/// added on an earlier, interrupted run are not neighbours (<see cref="OwnAdds"/>, left out before the nearest are
/// taken): a re-run sees the partition as the first run found it, so it reaches the same decisions (an Add, not an
/// "exact repeat" of itself) and reports the same profile changes.
/// </summary>
public sealed class FindSimilarStep(IMemoryStore store, IOptions<IngestionOptions> options, TimeProvider timeProvider)
    : IWorkflowStep<FindSimilarInput, FindSimilarOutput>
{
    public async Task<FindSimilarOutput> RunAsync(FindSimilarInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Vectors.Count != input.Facts.Count)
        {
            throw new ArgumentException("Every fact needs exactly one vector.", nameof(input));
        }

        var filter = new MemoryFilter { At = timeProvider.GetUtcNow(), Kinds = MemoryKinds.Recallable };
        var ownAdds = new OwnAdds(store, input);
        var endedHere = await ownAdds.WithoutAsync(await EndedByAsync(input.OperationId, input.Partition, filter, cancellationToken), memory => memory, cancellationToken);
        var results = new List<FactWithNeighbours>(input.Facts.Count);
        for (var i = 0; i < input.Facts.Count; i++)
        {
            var fact = input.Facts[i];
            var vector = input.Vectors[i];
            var query = new MemorySearchQuery(vector, fact.Text, filter, options.Value.MaxNeighbours * 2);
            var candidates = await ownAdds.WithoutAsync(await store.SearchAsync(input.Partition, query, cancellationToken), candidate => candidate.Memory, cancellationToken);

            // Retractions ignore the threshold: "No longer eats meat" must be able to reach "Loves steak".
            var similar = candidates
                .Select(candidate => new SimilarMemory(candidate.Memory, candidate.VectorSimilarity ?? Cosine(vector, candidate.Memory.Embedding)))
                .Where(neighbour => fact.IsRetraction || neighbour.Similarity >= options.Value.MinSimilarity)
                .OrderByDescending(neighbour => neighbour.Similarity)
                .ThenBy(neighbour => neighbour.Memory.Id, StringComparer.Ordinal)
                .Take(options.Value.MaxNeighbours)
                .ToList();

            similar.AddRange(endedHere
                .Where(memory => similar.TrueForAll(known => known.Memory.Id != memory.Id))
                .Select(memory => new SimilarMemory(memory, Cosine(vector, memory.Embedding)))
                .Where(neighbour => fact.IsRetraction || neighbour.Similarity >= options.Value.MinSimilarity || (fact.Slot is not null && FactMemory.SlotOf(neighbour.Memory) == fact.Slot)));

            // A single-valued slot must see its current value whatever the similarity, or a new employer would be added beside the old one.
            if (fact.Slot is { } slot)
            {
                var slotFilter = filter with { Metadata = new Dictionary<string, MetadataValue> { [IngestionConventions.SlotMetadataKey] = MetadataValue.FromString(slot) } };
                var sameSlot = await store.ListAsync(input.Partition, slotFilter, options.Value.MaxNeighbours, null, cancellationToken);
                similar.AddRange((await ownAdds.WithoutAsync(sameSlot.Items, memory => memory, cancellationToken))
                    .Where(memory => similar.TrueForAll(known => known.Memory.Id != memory.Id))
                    .Select(memory => new SimilarMemory(memory, Cosine(vector, memory.Embedding))));
            }

            AddEarlierFacts(input, i, similar, filter.At);
            results.Add(new FactWithNeighbours(fact, [.. similar.Select(neighbour => neighbour with { Memory = neighbour.Memory with { Embedding = [] } })]));
        }

        return new FindSimilarOutput(results);
    }

    /// <summary>
    /// Earlier facts of this request are not stored yet, but their ids are already known: offering them as neighbours
    /// lets "I work at Contoso … I joined Fabrikam last week" in one conversation supersede within the request.
    /// Bounded (issue 12, finding 3): the nearest earlier facts only, at most MaxNeighbours of them, newest first,
    /// so n same-slot facts make a chain of n decisions, not n(n-1)/2.
    /// </summary>
    private void AddEarlierFacts(FindSimilarInput input, int index, List<SimilarMemory> similar, DateTimeOffset now)
    {
        var fact = input.Facts[index];
        var vector = input.Vectors[index];
        var siblings = 0;
        for (var earlier = index - 1; earlier >= 0 && siblings < options.Value.MaxNeighbours; earlier--)
        {
            var sibling = FactMemory.Create(input.Partition, input.AgentId, null, null, input.OperationId, input.Facts[earlier], input.Vectors[earlier], now);
            var similarity = Cosine(vector, sibling.Embedding);
            var sameSlot = fact.Slot is not null && fact.Slot == input.Facts[earlier].Slot;
            var related = fact.IsRetraction || similarity >= options.Value.MinSimilarity || sameSlot;
            if (related && similar.TrueForAll(known => known.Memory.Id != sibling.Id))
            {
                similar.Add(new SimilarMemory(sibling, similarity));
                siblings++;
                if (sameSlot)
                {
                    // The latest earlier value of a single-valued slot already ended every value before it.
                    break;
                }
            }
        }
    }

    /// <summary>Memories this operation already ended on an earlier, interrupted run, restored to how it found them.</summary>
    private async Task<List<MemoryRecord>> EndedByAsync(string operationId, MemoryPartition partition, MemoryFilter filter, CancellationToken cancellationToken)
    {
        var endedFilter = filter with
        {
            IncludeSuperseded = true,
            Metadata = new Dictionary<string, MetadataValue> { [IngestionConventions.EndedByMetadataKey] = MetadataValue.FromString(operationId) },
        };
        var page = await store.ListAsync(partition, endedFilter, 100, null, cancellationToken);
        return [.. page.Items.Select(memory => memory with
        {
            ValidTo = null,
            SupersededBy = null,
            Metadata = memory.Metadata.Where(pair => pair.Key != IngestionConventions.EndedByMetadataKey).ToDictionary(StringComparer.Ordinal),
        })];
    }

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0;
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }
}
