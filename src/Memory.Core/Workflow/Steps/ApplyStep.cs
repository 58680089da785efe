using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Writes the validated decisions: adds, updates, supersessions and retractions, each fenced with the operation's epoch.</summary>
public sealed partial class ApplyStep(
    IMemoryStore store,
    IOperationStore operations,
    ConditionalMemoryWriter writer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    TimeProvider timeProvider,
    ILogger<ApplyStep> logger)
    : IWorkflowStep<ApplyInput, ApplyOutput>
{
    /// <summary>
    /// Writes the validated decisions. Safe to run again: a new memory's id derives from partition, agent and text (an
    /// existing one counts as written), a target already carrying this operation's change is left alone, and history
    /// event ids derive from the operation id, so a re-run writes nothing twice. ETag conflicts are re-read and retried here.
    /// </summary>
    public async Task<ApplyOutput> RunAsync(ApplyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var work = await WorkOfAsync(input, cancellationToken);
        var applied = new List<AppliedDecision>(input.Decisions.Count);
        var changes = new List<string>();
        try
        {
            await ApplyEachAsync(work, applied, changes, cancellationToken);
        }
        catch (PartitionErasedException)
        {
            // The user was erased while this step ran: the store refused the write, so stop here; the workflow's next
            // boundary sees the cancelled operation and ends.
            Log.OperationNotActive(logger, input.OperationId, OperationStatus.Cancelled, WorkflowStepNames.Apply);
        }

        return new ApplyOutput(applied, changes);
    }

    /// <summary>
    /// The facts' vectors (embedded here, in one batch: they do not cross history, and embedding is deterministic, so a
    /// re-run writes the same vectors) and the request's scope, read by the operation id.
    /// </summary>
    private async Task<ApplyWork> WorkOfAsync(ApplyInput input, CancellationToken cancellationToken)
    {
        var request = await operations.ReadRequestAsync(input.Partition, input.OperationId, cancellationToken);
        IReadOnlyList<float[]> vectors = input.Facts.Count == 0
            ? []
            : [.. (await embedder.GenerateAsync(input.Facts.Select(fact => fact.Text), cancellationToken: cancellationToken)).Select(embedding => embedding.Vector.ToArray())];
        return new ApplyWork(input.OperationId, input.Partition, input.Epoch, input.Facts, vectors, input.Decisions, request.AgentId, request.SessionId, request.Metadata);
    }

    private async Task ApplyEachAsync(ApplyWork input, List<AppliedDecision> applied, List<string> changes, CancellationToken cancellationToken)
    {
        foreach (var decision in input.Decisions)
        {
            var fact = input.Facts[decision.FactIndex];
            var outcome = decision.Action switch
            {
                MemoryAction.Add => await AddFactAsync(input, decision.FactIndex, decision.Reason, cancellationToken),
                MemoryAction.Update => await UpdateTargetAsync(input, decision, cancellationToken),
                MemoryAction.Supersede => await SupersedeTargetAsync(input, decision, cancellationToken),
                MemoryAction.Delete => await EndTargetAsync(input, decision, cancellationToken),
                _ => await UpdatedHereAsync(input, decision, applied, cancellationToken)
                    ?? new Applied(new AppliedDecision(MemoryAction.Noop, fact.Text, decision.TargetMemoryId, null, decision.Reason), []),
            };
            Log.DecisionApplied(logger, input.OperationId, outcome.Decision.Action, decision.FactIndex, outcome.Decision.MemoryId);
            applied.Add(outcome.Decision);
            changes.AddRange(outcome.ProfileChanges);
        }
    }

    private async Task<Applied> AddFactAsync(ApplyWork input, int factIndex, string? reason, CancellationToken cancellationToken, MemoryRecord? newer = null)
    {
        var fact = input.Facts[factIndex];
        var now = timeProvider.GetUtcNow();
        var memory = FactMemory.Create(input.Partition, input.AgentId, input.SessionId, input.Metadata, input.OperationId, fact, input.Vectors[factIndex], now);
        if (newer is not null)
        {
            // Said before the value it would replace (an old conversation imported late): it is history, already ended.
            memory = memory with { ValidTo = newer.ValidFrom < memory.ValidFrom ? memory.ValidFrom : newer.ValidFrom, SupersededBy = newer.Id };
        }

        var history = HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, now, IngestionConventions.Actor, input.OperationId, reason);
        var result = PartitionErasedException.ThrowIfErased(await store.AddAsync(input.Partition, memory, history, MemoryWriteOptions.InEpoch(input.Epoch), cancellationToken));
        if (newer is not null)
        {
            return new Applied(new AppliedDecision(MemoryAction.Add, fact.Text, memory.Id, null, reason), []);
        }

        // Not one this operation made or revived itself (a re-run, after this or a later operation ended it): it was
        // never "true before, ended" for this operation.
        if (result.Status == WriteStatus.AlreadyExists && result.Memory is { ValidTo: not null } ended && ended.Provenance.OperationId != input.OperationId)
        {
            // The statement was true before, ended, and is true again ("I eat meat again"): revive the same document.
            await writer.ChangeAsync(input, ended.Id, HistoryOperation.Update, current => current.ValidTo is null ? null : MemoryRecords.Revive(current, memory), "revived", cancellationToken);
        }

        return new Applied(new AppliedDecision(MemoryAction.Add, fact.Text, memory.Id, null, reason), [fact.Text]);
    }

    private async Task<Applied> UpdateTargetAsync(ApplyWork input, ReconciliationDecision decision, CancellationToken cancellationToken)
    {
        var fact = input.Facts[decision.FactIndex];
        var text = string.IsNullOrWhiteSpace(decision.Text) ? fact.Text : decision.Text;
        var vector = string.Equals(text, fact.Text, StringComparison.Ordinal)
            ? input.Vectors[decision.FactIndex]
            : (await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken)).ToArray();
        var hash = MemoryIds.ContentHash(text);
        var now = timeProvider.GetUtcNow();
        string? before = null;
        var result = await writer.ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Update, current =>
        {
            before ??= current.Text;
            return current.ContentHash == hash ? null : current with
            {
                Text = text,
                ContentHash = hash,
                Embedding = vector,
                Confidence = Math.Max(current.Confidence, fact.Confidence),
                Importance = Math.Max(current.Importance, fact.Importance),
                Provenance = new Provenance(input.OperationId, [.. current.Provenance.MessageIds.Union(fact.SourceMessageIds)]),
                UpdatedAt = now,
            };
        }, decision.Reason, cancellationToken);

        if (result.Status == WriteStatus.NotFound)
        {
            return await AddFactAsync(input, decision.FactIndex, "update target no longer exists; added instead", cancellationToken);
        }

        // Already carrying this operation's text (the step retried, or the re-run decided the same UPDATE): what it ended
        // is in this operation's first UPDATE event of the memory.
        if (string.Equals(before, text, StringComparison.Ordinal) && result.Memory?.Provenance.OperationId == input.OperationId)
        {
            before = (await FirstUpdateByThisAsync(input, decision.TargetMemoryId!, cancellationToken))?.Before;
        }

        IReadOnlyList<string> changes = before is not null && !string.Equals(before, text, StringComparison.Ordinal) ? [IngestionConventions.EndedStatementPrefix + before, text] : [];
        return new Applied(new AppliedDecision(MemoryAction.Update, fact.Text, decision.TargetMemoryId, null, decision.Reason), changes);
    }

    private sealed record Applied(AppliedDecision Decision, IReadOnlyList<string> ProfileChanges);
}
