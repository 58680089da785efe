namespace MemoryFunctions.Http.EventGrid;

/// <summary>Event types the Event Grid endpoints understand; every other type is acknowledged and ignored.</summary>
public static class ConversationEventTypes
{
    /// <summary>Conversation turns to remember, in either CloudEvents 1.0 or the Event Grid schema.</summary>
    public const string Turns = "MemoryFunctions.Conversation.Turns";

    /// <summary>Sent once by Event Grid (Event Grid schema only) when a webhook subscription is created.</summary>
    public const string SubscriptionValidation = "Microsoft.EventGrid.SubscriptionValidationEvent";
}
