using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// Records the operations it was asked to start; runs nothing. Like a real starter waiting on a full queue, it throws
/// when the token it is given is cancelled.
/// </summary>
public sealed class FakeWorkflowStarter : IWorkflowStarter
{
    private readonly List<MemoryOperation> _started = [];

    public IReadOnlyList<MemoryOperation> Started => _started;

    public Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _started.Add(operation);
        return Task.CompletedTask;
    }
}
