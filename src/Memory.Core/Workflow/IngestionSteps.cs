using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The ingestion workflow's steps: one public method per step, taking and returning the step records, so a Durable
/// activity or the local runner can call them. Each runs at least once and may run again after a crash or retry, so
/// each is idempotent: ids are derived from partition and content, existing records count as success, and every
/// history event carries an id derived from the operation.
/// </summary>
public sealed partial class IngestionSteps(
    IMemoryStore store,
    IOperationStore operations,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IFactExtractor extractor,
    IMemoryReconciler reconciler,
    ISummarizer summarizer,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<IngestionSteps> logger)
{
    /// <summary>Metadata key under which a memory keeps its slot ("employer", "home city"…), so a new value can find the old one.</summary>
    public const string SlotMetadataKey = "slot";

    /// <summary>
    /// Metadata key naming the operation that ended (superseded or retracted) a memory. A re-run of that operation sees the
    /// memory as it was before, so it reaches, and reports, the same decision instead of mistaking it for new.
    /// </summary>
    public const string EndedByMetadataKey = "endedByOperation";

    /// <summary>Actor recorded on history events the workflow writes.</summary>
    public const string Actor = "workflow";

    private const int MaxWriteAttempts = 8;

    private readonly IngestionOptions _options = options.Value;

    public async Task<ProgressOutput> ReportProgressAsync(ProgressInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var operation = await operations.GetAsync(input.Partition, input.OperationId, cancellationToken);
        if (operation is null || operation.IsFinished)
        {
            Log.OperationNotActive(logger, input.OperationId, operation?.Status, WorkflowSteps.ReportProgress);
            return new ProgressOutput(operation?.Status);
        }

        var updated = operation with
        {
            Status = OperationStatus.Running,
            Progress = new OperationProgress(input.Phase, input.Done, input.Total),
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        var result = await operations.UpdateAsync(updated, cancellationToken);
        Log.OperationProgress(logger, input.OperationId, input.Phase, input.Done, input.Total);
        return new ProgressOutput(result.Status switch
        {
            WriteStatus.NotFound => null,
            WriteStatus.PartitionErased => OperationStatus.Cancelled,
            _ => OperationStatus.Running,
        });
    }

    public async Task<ExtractionResult> ExtractFactsAsync(ExtractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await extractor.ExtractAsync(input.Request, cancellationToken);
        RecordTokens(result.Usage, WorkflowSteps.ExtractFacts);
        Log.FactsExtracted(logger, input.OperationId, result.Facts.Count, input.Request.Messages.Count);
        for (var i = 0; i < result.Facts.Count; i++)
        {
            Log.FactText(logger, input.OperationId, i, result.Facts[i].Text);
        }

        return result;
    }

    public async Task<EmbedOutput> EmbedFactsAsync(EmbedInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Texts.Count == 0)
        {
            return new EmbedOutput([]);
        }

        var embeddings = await embedder.GenerateAsync(input.Texts, cancellationToken: cancellationToken);
        return new EmbedOutput([.. embeddings.Select(embedding => embedding.Vector.ToArray())]);
    }

    public async Task<FindSimilarOutput> FindSimilarAsync(FindSimilarInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Vectors.Count != input.Facts.Count)
        {
            throw new ArgumentException("Every fact needs exactly one vector.", nameof(input));
        }

        var filter = new MemoryFilter { At = timeProvider.GetUtcNow(), Kinds = MemoryKinds.Recallable };
        var endedHere = await EndedByAsync(input.OperationId, input.Partition, filter, cancellationToken);
        var results = new List<FactWithNeighbours>(input.Facts.Count);
        for (var i = 0; i < input.Facts.Count; i++)
        {
            var fact = input.Facts[i];
            var vector = input.Vectors[i];
            var query = new MemorySearchQuery(vector, fact.Text, filter, _options.MaxNeighbours * 2);
            var candidates = await store.SearchAsync(input.Partition, query, cancellationToken);

            // Retractions ignore the threshold: "No longer eats meat" must be able to reach "Loves steak".
            var similar = candidates
                .Select(candidate => new SimilarMemory(candidate.Memory, candidate.VectorSimilarity ?? Cosine(vector, candidate.Memory.Embedding)))
                .Where(neighbour => fact.IsRetraction || neighbour.Similarity >= _options.MinSimilarity)
                .OrderByDescending(neighbour => neighbour.Similarity)
                .ThenBy(neighbour => neighbour.Memory.Id, StringComparer.Ordinal)
                .Take(_options.MaxNeighbours)
                .ToList();

            similar.AddRange(endedHere
                .Where(memory => similar.TrueForAll(known => known.Memory.Id != memory.Id))
                .Select(memory => new SimilarMemory(memory, Cosine(vector, memory.Embedding)))
                .Where(neighbour => fact.IsRetraction || neighbour.Similarity >= _options.MinSimilarity || (fact.Slot is not null && SlotOf(neighbour.Memory) == fact.Slot)));

            // A single-valued slot must see its current value whatever the similarity, or a new employer would be added beside the old one.
            if (fact.Slot is { } slot)
            {
                var slotFilter = filter with { Metadata = new Dictionary<string, MetadataValue> { [SlotMetadataKey] = MetadataValue.FromString(slot) } };
                var sameSlot = await store.ListAsync(input.Partition, slotFilter, _options.MaxNeighbours, null, cancellationToken);
                similar.AddRange(sameSlot.Items
                    .Where(memory => similar.TrueForAll(known => known.Memory.Id != memory.Id))
                    .Select(memory => new SimilarMemory(memory, Cosine(vector, memory.Embedding))));
            }

            // Earlier facts of this request are not stored yet, but their ids are already known: offering them as neighbours
            // lets "I work at Contoso … I joined Fabrikam last week" in one conversation supersede within the request.
            for (var earlier = 0; earlier < i; earlier++)
            {
                var sibling = NewMemory(input.Partition, input.AgentId, null, null, input.OperationId, input.Facts[earlier], input.Vectors[earlier], filter.At);
                var similarity = Cosine(vector, sibling.Embedding);
                var related = fact.IsRetraction || similarity >= _options.MinSimilarity || (fact.Slot is not null && fact.Slot == input.Facts[earlier].Slot);
                if (related && similar.TrueForAll(known => known.Memory.Id != sibling.Id))
                {
                    similar.Add(new SimilarMemory(sibling, similarity));
                }
            }

            results.Add(new FactWithNeighbours(fact, [.. similar.Select(neighbour => neighbour with { Memory = neighbour.Memory with { Embedding = [] } })]));
        }

        return new FindSimilarOutput(results);
    }

    public async Task<DecideOutput> DecideAsync(DecideInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await reconciler.ReconcileAsync(input.Facts, cancellationToken);
        RecordTokens(result.Usage, WorkflowSteps.Decide);
        var decisions = DecisionValidator.Validate(input.Facts, result.Decisions, (decision, why) =>
            Log.DecisionRejected(logger, input.OperationId, decision.Action, decision.FactIndex, why));
        return new DecideOutput(decisions, result.Usage);
    }

    public async Task<ProgressOutput> CompleteAsync(CompleteInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await FinishAsync(input.Partition, input.OperationId, WorkflowSteps.Complete, operation => operation with
        {
            Status = OperationStatus.Succeeded,
            Decisions = input.Decisions,
            Usage = input.Usage,
            Error = null,
            Progress = new OperationProgress(WorkflowSteps.Complete, IngestionWorkflow.PhaseCount, IngestionWorkflow.PhaseCount),
        }, cancellationToken);
    }

    public async Task<ProgressOutput> FailAsync(FailInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await FinishAsync(input.Partition, input.OperationId, WorkflowSteps.Fail, operation => operation with
        {
            Status = OperationStatus.Failed,
            Error = input.Error,
            Usage = input.Usage,
        }, cancellationToken);
    }

    private async Task<ProgressOutput> FinishAsync(MemoryPartition partition, string operationId, string step, Func<MemoryOperation, MemoryOperation> finish, CancellationToken cancellationToken)
    {
        var operation = await operations.GetAsync(partition, operationId, cancellationToken);
        if (operation is null || operation.IsFinished)
        {
            Log.OperationNotActive(logger, operationId, operation?.Status, step);
            return new ProgressOutput(operation?.Status);
        }

        var finished = finish(operation) with { UpdatedAt = timeProvider.GetUtcNow() };
        var result = await operations.UpdateAsync(finished, cancellationToken);
        if (result.Status is WriteStatus.NotFound or WriteStatus.PartitionErased)
        {
            return new ProgressOutput(result.Status == WriteStatus.NotFound ? null : OperationStatus.Cancelled);
        }

        Log.OperationFinished(logger, operationId, partition.TenantId, finished.Status, finished.Decisions.Count, finished.Usage.TotalTokens);
        return new ProgressOutput(finished.Status);
    }

    /// <summary>Memories this operation already ended on an earlier, interrupted run, restored to how it found them.</summary>
    private async Task<List<MemoryRecord>> EndedByAsync(string operationId, MemoryPartition partition, MemoryFilter filter, CancellationToken cancellationToken)
    {
        var endedFilter = filter with
        {
            IncludeSuperseded = true,
            Metadata = new Dictionary<string, MetadataValue> { [EndedByMetadataKey] = MetadataValue.FromString(operationId) },
        };
        var page = await store.ListAsync(partition, endedFilter, 100, null, cancellationToken);
        return [.. page.Items.Select(memory => memory with
        {
            ValidTo = null,
            SupersededBy = null,
            Metadata = memory.Metadata.Where(pair => pair.Key != EndedByMetadataKey).ToDictionary(StringComparer.Ordinal),
        })];
    }

    private static string? SlotOf(MemoryRecord memory) =>
        memory.Metadata.TryGetValue(SlotMetadataKey, out var slot) ? slot.Text : null;

    private static void RecordTokens(TokenUsage usage, string step)
    {
        // Recorded where the model was called, retries included: that is what was actually spent.
        if (usage.InputTokens > 0)
        {
            MemoryTelemetry.ModelTokens.Add(usage.InputTokens, new("memory.step", step), new("memory.token.type", "input"));
        }

        if (usage.OutputTokens > 0)
        {
            MemoryTelemetry.ModelTokens.Add(usage.OutputTokens, new("memory.step", step), new("memory.token.type", "output"));
        }
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
