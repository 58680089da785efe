namespace MemoryFunctions.Local.Storage;

/// <summary>
/// A write waiting for the log loop. The loop decides it against committed state plus the earlier writes of the same
/// batch (<see cref="BatchView"/>), logs the resulting entry, fsyncs the batch once, applies it, then completes the waiter.
/// </summary>
internal abstract class WriteCommand(bool waitsForCompaction, CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Whose background work submitted it (<see cref="Core.Workflow.BackgroundWork.CurrentOwner"/>); null for a request being answered.</summary>
    public string? Owner { get; } = Core.Workflow.BackgroundWork.CurrentOwner;

    /// <summary>Explicit compaction: the caller is answered only after a snapshot has replaced the log.</summary>
    public bool WaitsForCompaction { get; } = waitsForCompaction;

    /// <summary>Decides the outcome; returns the entry to log, or null when nothing changes (NotFound, AlreadyExists, …).</summary>
    public abstract LogEntry? Decide(BatchView view, long sequence);

    /// <summary>Called once the entry is durable and applied; <paramref name="applied"/> is what applying it reported (e.g. how many were erased).</summary>
    public abstract void Complete(int applied);

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}
