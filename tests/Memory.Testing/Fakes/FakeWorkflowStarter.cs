using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>Records the operations it was asked to start; runs nothing.</summary>
public sealed class FakeWorkflowStarter : IWorkflowStarter
{
    private readonly List<MemoryOperation> _started = [];

    public IReadOnlyList<MemoryOperation> Started => _started;

    public Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        _started.Add(operation);
        return Task.CompletedTask;
    }
}
