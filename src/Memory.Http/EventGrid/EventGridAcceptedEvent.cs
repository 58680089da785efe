namespace MemoryFunctions.Http.EventGrid;

/// <summary>An event handed to ingestion, and the operation that tracks it (poll <c>/api/operations/{id}</c>).</summary>
public sealed record EventGridAcceptedEvent(string EventId, string OperationId);
