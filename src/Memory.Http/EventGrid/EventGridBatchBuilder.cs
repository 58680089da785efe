namespace MemoryFunctions.Http.EventGrid;

/// <summary>Collects the outcome of each event of one delivery, in order.</summary>
internal sealed class EventGridBatchBuilder
{
    private readonly List<EventGridSubmission> _submissions = [];
    private readonly List<EventGridIgnoredEvent> _ignored = [];
    private readonly List<EventGridRejection> _rejected = [];
    private string? _validationCode;

    public void Accept(EventGridSubmission submission) => _submissions.Add(submission);

    public void Ignore(string eventId, string eventType) => _ignored.Add(new EventGridIgnoredEvent(eventId, eventType));

    public void Reject(string? eventId, string reason) => _rejected.Add(new EventGridRejection(eventId, reason));

    public void Validate(string validationCode) => _validationCode ??= validationCode;

    public EventGridBatch Build() => new(_submissions, _ignored, _rejected, _validationCode);
}
