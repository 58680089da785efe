using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Workflow;

public sealed partial class IngestionSteps
{
    /// <summary>Prefix of a profile change line for a statement that stopped being true.</summary>
    public const string EndedStatementPrefix = "No longer true: ";

    /// <summary>
    /// Writes the validated decisions. Safe to run again: a new memory's id derives from partition, agent and text (an
    /// existing one counts as written), a target already carrying this operation's change is left alone, and history
    /// event ids derive from the operation id, so a re-run writes nothing twice. ETag conflicts are re-read and retried here.
    /// </summary>
    public async Task<ApplyOutput> ApplyAsync(ApplyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var applied = new List<AppliedDecision>(input.Decisions.Count);
        var changes = new List<string>();
        try
        {
            await ApplyEachAsync(input, applied, changes, cancellationToken);
        }
        catch (PartitionErasedException)
        {
            // The user was erased while this step ran: the store refused the write, so stop here; the workflow's next
            // boundary sees the cancelled operation and ends.
            Log.OperationNotActive(logger, input.OperationId, OperationStatus.Cancelled, WorkflowSteps.Apply);
        }

        return new ApplyOutput(applied, changes);
    }

    private async Task ApplyEachAsync(ApplyInput input, List<AppliedDecision> applied, List<string> changes, CancellationToken cancellationToken)
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
                _ => new Applied(new AppliedDecision(MemoryAction.Noop, fact.Text, decision.TargetMemoryId, null, decision.Reason), []),
            };
            Log.DecisionApplied(logger, input.OperationId, outcome.Decision.Action, decision.FactIndex, outcome.Decision.MemoryId);
            applied.Add(outcome.Decision);
            changes.AddRange(outcome.ProfileChanges);
        }
    }

    private async Task<Applied> AddFactAsync(ApplyInput input, int factIndex, string? reason, CancellationToken cancellationToken, MemoryRecord? newer = null)
    {
        var fact = input.Facts[factIndex];
        var now = timeProvider.GetUtcNow();
        var memory = NewMemory(input, fact, input.Vectors[factIndex], now);
        if (newer is not null)
        {
            // Said before the value it would replace (an old conversation imported late): it is history, already ended.
            memory = memory with { ValidTo = newer.ValidFrom < memory.ValidFrom ? memory.ValidFrom : newer.ValidFrom, SupersededBy = newer.Id };
        }

        var history = HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, now, Actor, input.OperationId, reason);
        var result = Fenced(await store.AddAsync(input.Partition, memory, history, MemoryWriteOptions.InEpoch(input.Epoch), cancellationToken));
        if (newer is not null)
        {
            return new Applied(new AppliedDecision(MemoryAction.Add, fact.Text, memory.Id, null, reason), []);
        }

        if (result.Status == WriteStatus.AlreadyExists && result.Memory is { ValidTo: not null } ended)
        {
            // The statement was true before, ended, and is true again ("I eat meat again"): revive the same document.
            await ChangeAsync(input, ended.Id, HistoryOperation.Update, current => current.ValidTo is null ? null : current with
            {
                ValidTo = null,
                SupersededBy = null,
                Metadata = current.Metadata.Where(pair => pair.Key != EndedByMetadataKey).ToDictionary(StringComparer.Ordinal),
                ValidFrom = fact.ValidFrom ?? now,
                Provenance = memory.Provenance,
                UpdatedAt = now,
            }, "revived", cancellationToken);
        }

        return new Applied(new AppliedDecision(MemoryAction.Add, fact.Text, memory.Id, null, reason), [fact.Text]);
    }

    private async Task<Applied> UpdateTargetAsync(ApplyInput input, ReconciliationDecision decision, CancellationToken cancellationToken)
    {
        var fact = input.Facts[decision.FactIndex];
        var text = string.IsNullOrWhiteSpace(decision.Text) ? fact.Text : decision.Text;
        var vector = string.Equals(text, fact.Text, StringComparison.Ordinal)
            ? input.Vectors[decision.FactIndex]
            : (await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken)).ToArray();
        var hash = MemoryIds.ContentHash(text);
        var now = timeProvider.GetUtcNow();
        string? before = null;
        var result = await ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Update, current =>
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

        IReadOnlyList<string> changes = before is not null && !string.Equals(before, text, StringComparison.Ordinal) ? [EndedStatementPrefix + before, text] : [];
        return new Applied(new AppliedDecision(MemoryAction.Update, fact.Text, decision.TargetMemoryId, null, decision.Reason), changes);
    }

    private async Task<Applied> SupersedeTargetAsync(ApplyInput input, ReconciliationDecision decision, CancellationToken cancellationToken)
    {
        var fact = input.Facts[decision.FactIndex];
        var newId = MemoryIds.ForMemory(input.Partition, input.AgentId, fact.Text);
        if (string.Equals(newId, decision.TargetMemoryId, StringComparison.Ordinal))
        {
            return new Applied(new AppliedDecision(MemoryAction.Noop, fact.Text, newId, null, "supersedes itself: a repeat"), []);
        }

        var now = timeProvider.GetUtcNow();
        string? ended = null;
        MemoryRecord? newer = null;
        var result = await ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Supersede, current =>
        {
            // Already ended (by this operation on an earlier run, or by another one): leave it, but still add the new fact.
            if (current.ValidTo is not null)
            {
                ended = EndedByThis(current, input.OperationId) ? current.Text : null;
                return null;
            }

            // Event time decides, not arrival: an older statement never supersedes a newer one.
            if (fact.SaidAt is { } said && said < current.ValidFrom)
            {
                newer = current;
                return null;
            }

            ended = current.Text;
            return current with { ValidTo = EndOf(current, fact, now), SupersededBy = newId, Metadata = EndedBy(current, input.OperationId), UpdatedAt = now };
        }, decision.Reason, cancellationToken);

        if (newer is not null)
        {
            return await AddFactAsync(input, decision.FactIndex, "older than the current value: kept as history", cancellationToken, newer);
        }

        var added = await AddFactAsync(input, decision.FactIndex, decision.Reason, cancellationToken);
        var superseded = result.Status == WriteStatus.NotFound ? null : decision.TargetMemoryId;
        IReadOnlyList<string> changes = ended is null ? added.ProfileChanges : [EndedStatementPrefix + ended, .. added.ProfileChanges];
        return new Applied(new AppliedDecision(MemoryAction.Supersede, fact.Text, added.Decision.MemoryId, superseded, decision.Reason), changes);
    }

    private async Task<Applied> EndTargetAsync(ApplyInput input, ReconciliationDecision decision, CancellationToken cancellationToken)
    {
        var fact = input.Facts[decision.FactIndex];
        var now = timeProvider.GetUtcNow();
        string? ended = null;
        var result = await ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Delete, current =>
        {
            // Already ended, or stated again after this retraction was said (an old conversation imported late): leave it.
            if (current.ValidTo is not null || fact.SaidAt < current.ValidFrom)
            {
                ended = current.ValidTo is not null && EndedByThis(current, input.OperationId) ? current.Text : null;
                return null;
            }

            ended = current.Text;
            return current with { ValidTo = EndOf(current, fact, now), Metadata = EndedBy(current, input.OperationId), UpdatedAt = now };
        }, decision.Reason ?? "retracted", cancellationToken);

        var memoryId = result.Status == WriteStatus.NotFound ? null : decision.TargetMemoryId;
        IReadOnlyList<string> changes = ended is null ? [] : [EndedStatementPrefix + ended];
        return new Applied(new AppliedDecision(MemoryAction.Delete, fact.Text, memoryId, null, decision.Reason), changes);
    }

    /// <summary>
    /// Read-modify-write with the ETag as precondition, re-reading on conflict. <paramref name="change"/> returns null
    /// when the memory already is as wanted (the idempotent case): nothing is written.
    /// </summary>
    private async Task<MemoryWriteResult> ChangeAsync(
        ApplyInput input, string memoryId, HistoryOperation operation, Func<MemoryRecord, MemoryRecord?> change, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await store.GetAsync(input.Partition, memoryId, cancellationToken);
            if (current is null)
            {
                return MemoryWriteResult.NotFound;
            }

            var changed = change(current);
            if (changed is null)
            {
                return new MemoryWriteResult(WriteStatus.AlreadyExists, current);
            }

            // Keyed on the version changed, not only the operation: one operation may change a memory twice (two facts),
            // and a re-run re-reads the same version for a write that did not happen (a done one needs no write).
            var history = HistoryEvents.For(
                changed, operation, current.Text, operation == HistoryOperation.Delete ? null : changed.Text, changed.UpdatedAt, Actor, input.OperationId, reason, discriminator: $"{input.OperationId}/{current.ETag}");
            var result = Fenced(await store.ReplaceAsync(input.Partition, changed, current.ETag, history, MemoryWriteOptions.InEpoch(input.Epoch), cancellationToken));
            if (result.Status != WriteStatus.PreconditionFailed)
            {
                return result;
            }

            Log.WriteConflict(logger, input.OperationId, memoryId, attempt);
        }

        // Transient by nature (others keep writing the same memory): the step's retry policy takes it from here.
        throw new TimeoutException($"Memory {memoryId} kept changing during {MaxWriteAttempts} attempts to write it.");
    }

    /// <summary>A write the store refused because the user was erased ends the step, whatever it was in the middle of.</summary>
    private static MemoryWriteResult Fenced(MemoryWriteResult result) =>
        result.Status == WriteStatus.PartitionErased ? throw new PartitionErasedException() : result;

    private static MemoryRecord NewMemory(ApplyInput input, CandidateFact fact, float[] vector, DateTimeOffset now) =>
        NewMemory(input.Partition, input.AgentId, input.SessionId, input.Metadata, input.OperationId, fact, vector, now);

    /// <summary>The memory a fact becomes; its id is fixed by partition, agent and text, before it is ever written.</summary>
    private static MemoryRecord NewMemory(
        MemoryPartition partition,
        string? agentId,
        string? sessionId,
        IReadOnlyDictionary<string, MetadataValue>? requestMetadata,
        string operationId,
        CandidateFact fact,
        float[] vector,
        DateTimeOffset now)
    {
        var metadata = new Dictionary<string, MetadataValue>(requestMetadata ?? new Dictionary<string, MetadataValue>(), StringComparer.Ordinal);
        if (fact.Slot is { } slot)
        {
            metadata[SlotMetadataKey] = MetadataValue.FromString(slot);
        }

        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, agentId, fact.Text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            AgentId = agentId,
            SessionId = sessionId,
            Kind = fact.Kind,
            Text = fact.Text,
            Embedding = vector,
            Metadata = metadata,
            Source = fact.Source,
            Confidence = fact.Confidence,
            Importance = fact.Importance,
            ContentHash = MemoryIds.ContentHash(fact.Text),
            Provenance = new Provenance(operationId, fact.SourceMessageIds),
            CreatedAt = now,
            UpdatedAt = now,
            ValidFrom = fact.ValidFrom is { } from && from <= now ? from : now,
        };
    }

    private static bool EndedByThis(MemoryRecord memory, string operationId) =>
        memory.Metadata.TryGetValue(EndedByMetadataKey, out var endedBy) && endedBy.Text == operationId;

    private static Dictionary<string, MetadataValue> EndedBy(MemoryRecord memory, string operationId) =>
        new(memory.Metadata, StringComparer.Ordinal) { [EndedByMetadataKey] = MetadataValue.FromString(operationId) };

    /// <summary>The fact's own time ends the old statement, but never before the old one began (it would never have been visible).</summary>
    private static DateTimeOffset EndOf(MemoryRecord target, CandidateFact fact, DateTimeOffset now)
    {
        var end = fact.ValidFrom is { } from && from <= now ? from : now;
        return end < target.ValidFrom ? target.ValidFrom : end;
    }

    private sealed record Applied(AppliedDecision Decision, IReadOnlyList<string> ProfileChanges);
}
