using MemoryFunctions.Core.Services;
using MemoryFunctions.Functions.Diagnostics;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http.EventGrid;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.EventGrid;

/// <summary>
/// Event Grid delivers <c>MemoryFunctions.Conversation.Turns</c> events here (CloudEvents 1.0 or Event Grid schema;
/// the host does the subscription handshake). The event is bound as raw <see cref="BinaryData"/>, which the EventGrid
/// extension supports for both schemas, and read by the same parser as the local webhook. A redelivered event maps to
/// the operation it started (idempotency key from the event's identity), so retries start nothing new.
/// </summary>
public sealed class ConversationEventTrigger(
    IngestionService ingestion,
    DurableClientHolder durableClients,
    TimeProvider timeProvider,
    ILogger<ConversationEventTrigger> logger)
{
    /// <summary>Function name; the Event Grid subscription's endpoint names it (infra/hooks/eventgrid-subscription.*).</summary>
    public const string Name = "ConversationEvents";

    [Function(Name)]
    public async Task RunAsync(
        [EventGridTrigger] BinaryData eventData,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        durableClients.Use(durableClient);
        var batch = ConversationEventParser.Parse(eventData, timeProvider.GetUtcNow());
        foreach (var ignored in batch.Ignored)
        {
            Log.EventIgnored(logger, ignored.EventId, ignored.EventType);
        }

        // An invalid event never becomes valid: log it and complete, so Event Grid neither retries nor dead-letters it.
        foreach (var rejected in batch.Rejected)
        {
            Log.EventRejected(logger, rejected.EventId, rejected.Reason);
        }

        // A failure here (store, orchestration start) throws, and Event Grid redelivers: safe, because submission is idempotent.
        foreach (var submission in batch.Submissions)
        {
            var submitted = await ingestion.SubmitAsync(submission.Partition, submission.Request, submission.IdempotencyKey, cancellationToken);
            Log.EventSubmitted(logger, submission.EventId, submitted.Operation.Id, submitted.Created);
        }
    }
}
