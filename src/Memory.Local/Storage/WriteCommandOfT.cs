namespace MemoryFunctions.Local.Storage;

internal sealed class WriteCommand<TResult>(Func<BatchView, long, Decision<TResult>> decide, bool waitsForCompaction, CancellationToken cancellationToken)
    : WriteCommand(waitsForCompaction, cancellationToken)
{
    // Continuations run asynchronously so a caller's code never runs on, and stalls, the log loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Decision<TResult> _decision;

    public Task<TResult> Task => _completion.Task;

    public override LogEntry? Decide(BatchView view, long sequence)
    {
        _decision = decide(view, sequence);
        return _decision.Entry;
    }

    public override void Complete(int applied) =>
        _completion.TrySetResult(_decision.FromApplied is { } fromApplied ? fromApplied(applied) : _decision.Result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
