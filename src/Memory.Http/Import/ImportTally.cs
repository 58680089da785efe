using MemoryFunctions.Http.Contracts;

namespace MemoryFunctions.Http.Import;

/// <summary>What an import has settled so far; only the import's own loop touches it (a batch in flight reports an <see cref="ImportBatchOutcome"/>).</summary>
internal sealed class ImportTally(long afterLine)
{
    /// <summary>Errors listed in full; past this only counted, so a file of bad lines cannot make the report unbounded.</summary>
    public const int MaxErrorsListed = 1000;

    private readonly List<ImportLineError> _errors = [];
    private long _imported;
    private long _existing;
    private long _failed;

    public long LinesRead { get; set; }

    public long CommittedThroughLine { get; private set; } = afterLine;

    public void Fail(ImportLineError error)
    {
        _failed++;
        if (_errors.Count < MaxErrorsListed)
        {
            _errors.Add(error);
        }
    }

    public void Apply(ImportBatchOutcome outcome)
    {
        _imported += outcome.Imported;
        _existing += outcome.Existing;
        outcome.Errors.ForEach(Fail);
        if (outcome.Stopped is null)
        {
            CommittedThroughLine = outcome.EndLine;
        }
    }

    public ImportReport Progress() => new(ImportReport.Progress, LinesRead, CommittedThroughLine, _imported, _existing, _failed);

    public ImportReport Completed()
    {
        CommittedThroughLine = LinesRead;
        return Final(ImportReport.Completed, stopped: null);
    }

    public ImportReport Stopped(ImportLineError reason) => Final(ImportReport.StoppedType, reason);

    private ImportReport Final(string type, ImportLineError? stopped) =>
        new(type, LinesRead, CommittedThroughLine, _imported, _existing, _failed, [.. _errors.OrderBy(error => error.Line)], _failed - _errors.Count, stopped);
}
