namespace MemoryFunctions.Client.Models;

/// <summary>
/// A report of a bulk import: <c>progress</c> while it runs, then <c>completed</c> or <c>stopped</c> (<see cref="Stopped"/>
/// says why). Every line up to <see cref="CommittedThroughLine"/> is settled: imported, already there, or in <see cref="Errors"/>.
/// </summary>
public sealed record ImportReport(string Type, long LinesRead, long CommittedThroughLine, long Imported, long Existing, long Failed)
{
    public IReadOnlyList<ImportLineError>? Errors { get; init; }

    public long? ErrorsOmitted { get; init; }

    public ImportLineError? Stopped { get; init; }
}
