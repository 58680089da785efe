using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Decisions that end a memory: a supersession (a newer value replaces it) and a retraction (it stops being true).</summary>
public sealed partial class ApplyStep
{
    private async Task<Applied> SupersedeTargetAsync(ApplyWork input, ReconciliationDecision decision, CancellationToken cancellationToken)
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
        var result = await writer.ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Supersede, current =>
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
        IReadOnlyList<string> changes = ended is null ? added.ProfileChanges : [IngestionConventions.EndedStatementPrefix + ended, .. added.ProfileChanges];
        return new Applied(new AppliedDecision(MemoryAction.Supersede, fact.Text, added.Decision.MemoryId, superseded, decision.Reason), changes);
    }

    private async Task<Applied> EndTargetAsync(ApplyWork input, ReconciliationDecision decision, CancellationToken cancellationToken)
    {
        var fact = input.Facts[decision.FactIndex];
        var now = timeProvider.GetUtcNow();
        string? ended = null;
        var result = await writer.ChangeAsync(input, decision.TargetMemoryId!, HistoryOperation.Delete, current =>
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
        IReadOnlyList<string> changes = ended is null ? [] : [IngestionConventions.EndedStatementPrefix + ended];
        return new Applied(new AppliedDecision(MemoryAction.Delete, fact.Text, memoryId, null, decision.Reason), changes);
    }

    /// <summary>
    /// A no-op whose target this operation updated on an earlier, interrupted run (the re-run finds the new text already
    /// there): the update its history records, with the profile changes the first run reported, so a crash between
    /// apply and the summaries loses no profile line. Null for any other no-op, and for a target this run already reported.
    /// Costs one point read per no-op that names a memory (one RU on Cosmos DB), on every run: which run this is, the step
    /// cannot tell.
    /// </summary>
    private async Task<Applied?> UpdatedHereAsync(ApplyWork input, ReconciliationDecision decision, List<AppliedDecision> applied, CancellationToken cancellationToken)
    {
        if (decision.TargetMemoryId is not { } targetId || applied.Exists(done => done.MemoryId == targetId))
        {
            return null;
        }

        var target = await store.GetAsync(input.Partition, targetId, cancellationToken);
        if (target is not { ValidTo: null } || target.Provenance.OperationId != input.OperationId)
        {
            return null;
        }

        var update = await FirstUpdateByThisAsync(input, targetId, cancellationToken);
        return update is null
            ? null
            : new Applied(
                new AppliedDecision(MemoryAction.Update, input.Facts[decision.FactIndex].Text, targetId, null, update.Reason),
                [IngestionConventions.EndedStatementPrefix + update.Before, target.Text]);
    }

    /// <summary>
    /// This operation's first UPDATE event of the memory that changed its text (several facts may update one memory: the
    /// first one's <c>Before</c> is what the operation ended; a revival keeps the text and is not one).
    /// </summary>
    private async Task<HistoryEvent?> FirstUpdateByThisAsync(ApplyWork input, string memoryId, CancellationToken cancellationToken) =>
        (await store.GetHistoryAsync(input.Partition, memoryId, cancellationToken))
            .Where(change => change.OperationId == input.OperationId && change.Operation == HistoryOperation.Update
                && change.Before is not null && !string.Equals(change.Before, change.After, StringComparison.Ordinal))
            .MinBy(change => change.At);

    private static bool EndedByThis(MemoryRecord memory, string operationId) =>
        memory.Metadata.TryGetValue(IngestionConventions.EndedByMetadataKey, out var endedBy) && endedBy.Text == operationId;

    private static Dictionary<string, MetadataValue> EndedBy(MemoryRecord memory, string operationId) =>
        new(memory.Metadata, StringComparer.Ordinal) { [IngestionConventions.EndedByMetadataKey] = MetadataValue.FromString(operationId) };

    /// <summary>The fact's own time ends the old statement, but never before the old one began (it would never have been visible).</summary>
    private static DateTimeOffset EndOf(MemoryRecord target, CandidateFact fact, DateTimeOffset now)
    {
        var end = fact.ValidFrom is { } from && from <= now ? from : now;
        return end < target.ValidFrom ? target.ValidFrom : end;
    }
}
