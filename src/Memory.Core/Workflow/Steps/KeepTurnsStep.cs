using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Keeps every user and assistant turn of the operation's request (read by its id) as a record of kind <see cref="MemoryKind.Turn"/> (verbatim
/// text, speaker, session, message id and operation as provenance, the message's time as event time), searchable
/// beside the facts, so nothing said is lost to retrieval because extraction missed it. Beside the text each turn keeps
/// its posted position, the relative dates it says resolved against its time, and the words of the turn before it (see
/// <see cref="TurnContext"/>). System and tool turns are not conversation and are not kept. Idempotent: a turn's id
/// derives from its partition, session, message id, time and text, and an existing record counts as written.
/// </summary>
public sealed class KeepTurnsStep(
    IMemoryStore store, IOperationStore operations, IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<IngestionOptions> options, TimeProvider timeProvider)
    : IWorkflowStep<KeepTurnsInput, KeepTurnsOutput>
{
    /// <summary>Kept turns weigh less than extracted facts in ranking: the fact is the distilled statement, the turn its evidence.</summary>
    private const double TurnImportance = 0.4;

    public async Task<KeepTurnsOutput> RunAsync(KeepTurnsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!options.Value.KeepTurns)
        {
            return new KeepTurnsOutput(0);
        }

        // Gone, or cut down to a stub without its request by an erase: nothing left to keep.
        var operation = await operations.GetAsync(input.Partition, input.OperationId, cancellationToken);
        var request = operation?.Request;
        var turns = request?.Messages.Where(m => m.Role is MessageRole.User or MessageRole.Assistant).ToList();
        if (operation is null || request is null || turns is not { Count: > 0 })
        {
            return new KeepTurnsOutput(0);
        }

        var vectors = await embedder.GenerateAsync(turns.Select(t => t.Content), cancellationToken: cancellationToken);
        var now = timeProvider.GetUtcNow();
        // The request's time is when it was accepted, not when this attempt runs: a retry, on this host or one whose clock
        // is behind, dates and records the turns it has left as the first attempt did (TurnContext.RecordedAt), so they list
        // and read in posted order. An operation made without a time (only tests make one) counts from now.
        var requestTime = operation.CreatedAt == default ? now : operation.CreatedAt;
        // Only a turn of this request shares the new turns' expiry; an earlier one's words are not copied past its own end.
        // Visibility is judged no earlier than the request's time, so a retry on a host whose clock is behind sees what the first attempt saw.
        var preceding = options.Value.TurnTimeToLive is null
            ? await TurnContext.LastTurnTextAsync(store, input.Partition, request.SessionId, requestTime, now > requestTime ? now : requestTime, cancellationToken)
            : null;
        var records = new List<MemoryRecord>(turns.Count);
        foreach (var (turn, vector, ordinal) in turns.Zip(vectors).Select((pair, i) => (pair.First, pair.Second, i)))
        {
            records.Add(TurnRecord(input, request, turn, vector.Vector.ToArray(), requestTime, ordinal, preceding));
            preceding = turn.Content;
        }

        var kept = 0;
        // As many as the store takes together: on the embedded store they share one group commit (one fsync instead of one
        // per turn, which was the largest part of a kept turn's cost).
        foreach (var together in records.Chunk(Math.Max(1, store.WritesTogether)))
        {
            var results = await Task.WhenAll(together.Select(record => store.AddAsync(
                input.Partition,
                record,
                HistoryEvents.For(record, HistoryOperation.Add, null, record.Text, record.CreatedAt, IngestionConventions.Actor, input.OperationId, "kept turn"),
                MemoryWriteOptions.InEpoch(input.Epoch),
                cancellationToken)));
            kept += results.Count(result => result.Status == WriteStatus.Written);
            if (results.Any(result => result.Status == WriteStatus.PartitionErased))
            {
                // The user was erased while this ran: nothing more is written, and the next progress report ends the workflow.
                break;
            }
        }

        return new KeepTurnsOutput(kept);
    }

    private MemoryRecord TurnRecord(
        KeepTurnsInput input, IngestionRequest request, ConversationMessage turn, float[] vector, DateTimeOffset requestTime, int ordinal, string? preceding)
    {
        var said = MemoryRecords.NotAfter(turn.Timestamp, requestTime);
        var recordedAt = TurnContext.RecordedAt(requestTime, ordinal);
        var draft = new MemoryDraft
        {
            Text = turn.Content,
            Kind = MemoryKind.Turn,
            Speaker = turn.Speaker,
            ResolvedDates = TurnContext.ResolvedDates(turn.Content, said),
            PrecedingText = TurnContext.Clip(preceding),
            Ordinal = ordinal,
            AgentId = request.AgentId,
            SessionId = request.SessionId,
            Metadata = request.Metadata,
            Source = turn.Role == MessageRole.User ? MemorySource.User : MemorySource.Agent,
            Importance = TurnImportance,
            Provenance = new Provenance(input.OperationId, [turn.Id]),
            ValidFrom = said,
            ExpiresAt = options.Value.TurnTimeToLive is { } ttl ? recordedAt + ttl : null,
        };
        return MemoryRecords.Create(
            input.Partition, draft, vector, recordedAt, MemoryIds.ForTurn(input.Partition, request.AgentId, request.SessionId, turn.Id, turn.Timestamp, turn.Content));
    }
}
