namespace MemoryFunctions.Http.EventGrid;

/// <summary>The intake limits of Event Grid deliveries; the turns inside follow Core's <c>TurnRules</c>, as on the messages route.</summary>
public static class ConversationEventLimits
{
    /// <summary>Used when an event names no tenant, as the HTTP API does when no tenant is given.</summary>
    public const string DefaultTenantId = "default";

    /// <summary>Event Grid delivers at most 1 MB per request; anything bigger is not an Event Grid delivery.</summary>
    public const long MaxBodyBytes = 1024 * 1024;
}
