namespace MemoryFunctions.Http.EventGrid;

/// <summary>The local webhook's answer to a delivery: what was accepted, ignored and rejected, event by event.</summary>
public sealed record EventGridReceipt(
    IReadOnlyList<EventGridAcceptedEvent> Accepted,
    IReadOnlyList<EventGridIgnoredEvent> Ignored,
    IReadOnlyList<EventGridRejection> Rejected);
