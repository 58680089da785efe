namespace MemoryFunctions.Http.EventGrid;

/// <summary>What one delivery (a single event or a batch) contained, sorted into what to do with each event.</summary>
public sealed record EventGridBatch(
    IReadOnlyList<EventGridSubmission> Submissions,
    IReadOnlyList<EventGridIgnoredEvent> Ignored,
    IReadOnlyList<EventGridRejection> Rejected,
    string? ValidationCode = null)
{
    public static EventGridBatch Empty { get; } = new([], [], []);

    /// <summary>True when the delivery is Event Grid's subscription handshake (Event Grid schema).</summary>
    public bool IsSubscriptionValidation => ValidationCode is not null;

    public static EventGridBatch Unreadable(string reason) => new([], [], [new EventGridRejection(null, reason)]);
}
