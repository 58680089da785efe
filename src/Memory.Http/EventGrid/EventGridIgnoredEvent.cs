namespace MemoryFunctions.Http.EventGrid;

/// <summary>An event of a type this service does not handle; acknowledged so that Event Grid does not retry it.</summary>
public sealed record EventGridIgnoredEvent(string EventId, string EventType);
