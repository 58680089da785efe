using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using MemoryFunctions.Http.Json;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// Reads one Event Grid delivery — CloudEvents 1.0 structured JSON (single or batch) or Event Grid schema (single or
/// array) — and sorts its events into submissions, ignored types and rejections. Shared by the local webhook and the
/// Functions Event Grid trigger, so both hosts accept exactly the same events.
/// </summary>
public static class ConversationEventParser
{
    private static readonly JsonSerializerOptions DataJsonOptions = new(JsonSerializerDefaults.Web);

    /// <param name="body">The raw delivery.</param>
    /// <param name="receivedAt">Timestamp for messages when neither the message nor the event carries one.</param>
    public static EventGridBatch Parse(BinaryData body, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToMemory());
        }
        catch (JsonException)
        {
            return EventGridBatch.Unreadable("The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            IEnumerable<JsonElement>? elements = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray(),
                JsonValueKind.Object => [root],
                _ => null,
            };
            if (elements is null)
            {
                return EventGridBatch.Unreadable("The body must be an event object or an array of events.");
            }

            var builder = new EventGridBatchBuilder();
            foreach (var element in elements)
            {
                ParseEvent(element, receivedAt, builder);
            }

            return builder.Build();
        }
    }

    private static void ParseEvent(JsonElement element, DateTimeOffset receivedAt, EventGridBatchBuilder builder)
    {
        if (element.ValueKind is not JsonValueKind.Object)
        {
            builder.Reject(null, "Each event must be a JSON object.");
        }
        else if (element.TryGetProperty("specversion", out _))
        {
            ParseCloudEvent(element, receivedAt, builder);
        }
        else
        {
            ParseEventGridEvent(element, receivedAt, builder);
        }
    }

    private static void ParseCloudEvent(JsonElement element, DateTimeOffset receivedAt, EventGridBatchBuilder builder)
    {
        CloudEvent? cloudEvent;
        try
        {
            cloudEvent = CloudEvent.Parse(BinaryData.FromString(element.GetRawText()));
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            builder.Reject(IdOf(element), $"Not a valid CloudEvent: {exception.Message}");
            return;
        }

        if (cloudEvent is null)
        {
            builder.Reject(IdOf(element), "Not a valid CloudEvent.");
        }
        else if (!string.Equals(cloudEvent.Type, ConversationEventTypes.Turns, StringComparison.Ordinal))
        {
            builder.Ignore(cloudEvent.Id, cloudEvent.Type);
        }
        else
        {
            // The SDK fills a missing "time" with its own clock; only a time the sender wrote is stable across redeliveries.
            var eventTime = element.TryGetProperty("time", out _) ? cloudEvent.Time ?? receivedAt : receivedAt;
            var key = EventGridIdempotencyKeys.ForCloudEvent(cloudEvent.Source, cloudEvent.Id);
            Submit(cloudEvent.Id, cloudEvent.Data, key, eventTime, builder);
        }
    }

    private static void ParseEventGridEvent(JsonElement element, DateTimeOffset receivedAt, EventGridBatchBuilder builder)
    {
        EventGridEvent eventGridEvent;
        try
        {
            eventGridEvent = EventGridEvent.Parse(BinaryData.FromString(element.GetRawText()));
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            builder.Reject(IdOf(element), $"Not a valid CloudEvent or Event Grid event: {exception.Message}");
            return;
        }

        if (string.Equals(eventGridEvent.EventType, ConversationEventTypes.SubscriptionValidation, StringComparison.Ordinal)
            && eventGridEvent.TryGetSystemEventData(out var systemData)
            && systemData is SubscriptionValidationEventData validation)
        {
            builder.Validate(validation.ValidationCode);
        }
        else if (!string.Equals(eventGridEvent.EventType, ConversationEventTypes.Turns, StringComparison.Ordinal))
        {
            builder.Ignore(eventGridEvent.Id, eventGridEvent.EventType);
        }
        else
        {
            var key = EventGridIdempotencyKeys.ForEventGridEvent(eventGridEvent.Topic, eventGridEvent.Id);
            var eventTime = eventGridEvent.EventTime == default ? receivedAt : eventGridEvent.EventTime;
            Submit(eventGridEvent.Id, eventGridEvent.Data, key, eventTime, builder);
        }
    }

    private static void Submit(string eventId, BinaryData? data, string idempotencyKey, DateTimeOffset eventTime, EventGridBatchBuilder builder)
    {
        ConversationEventData? conversation;
        try
        {
            conversation = data is null ? null : data.ToObjectFromJson<ConversationEventData>(DataJsonOptions);
        }
        catch (JsonException exception)
        {
            builder.Reject(eventId, $"data is not a valid conversation: {exception.Message}");
            return;
        }

        if (conversation is null)
        {
            builder.Reject(eventId, "data is required.");
        }
        else if (ConversationEventValidator.TryCreate(conversation, idempotencyKey, eventTime, out var partition, out var request, out var error))
        {
            using var canonical = JsonDocument.Parse(data!.ToMemory());
            builder.Accept(new EventGridSubmission(eventId, partition, request!, idempotencyKey, CanonicalJson.Fingerprint(canonical.RootElement)));
        }
        else
        {
            builder.Reject(eventId, error!.Value.Message);
        }
    }

    private static string? IdOf(JsonElement element) =>
        element.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String ? id.GetString() : null;
}
