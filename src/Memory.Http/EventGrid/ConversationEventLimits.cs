namespace MemoryFunctions.Http.EventGrid;

/// <summary>The intake limits of conversation events; the same numbers the HTTP messages endpoint enforces.</summary>
public static class ConversationEventLimits
{
    public const int MaxMessages = 100;

    public const int MaxContentLength = 8_000;

    public const int MaxIdLength = 128;

    /// <summary>Used when an event names no tenant, as the HTTP API does when no tenant is given.</summary>
    public const string DefaultTenantId = "default";

    /// <summary>Event Grid delivers at most 1 MB per request; anything bigger is not an Event Grid delivery.</summary>
    public const long MaxBodyBytes = 1024 * 1024;
}
