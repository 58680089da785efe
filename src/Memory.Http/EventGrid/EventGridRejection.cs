namespace MemoryFunctions.Http.EventGrid;

/// <summary>An event that cannot be ingested, with the first reason found (field path included). EventId is null when the envelope itself is unreadable.</summary>
public sealed record EventGridRejection(string? EventId, string Reason);
