namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// One line of the NDJSON stream an import answers with: <c>progress</c> events while it runs (at most one a second), then
/// exactly one last event, <c>completed</c> (every line settled) or <c>stopped</c> (see <see cref="Stopped"/>). Every line
/// up to <see cref="CommittedThroughLine"/> is settled: imported or already there (durably, as with any acknowledged write),
/// or listed in <see cref="Errors"/>. A stream that ends without a last event was cut off (the connection or the server
/// went away): post the file again, which is idempotent.
/// </summary>
public sealed record ImportReport(
    string Type,
    long LinesRead,
    long CommittedThroughLine,
    long Imported,
    long Existing,
    long Failed,
    IReadOnlyList<ImportLineError>? Errors = null,
    long? ErrorsOmitted = null,
    ImportLineError? Stopped = null)
{
    public const string Progress = "progress";
    public const string Completed = "completed";
    public const string StoppedType = "stopped";
}
