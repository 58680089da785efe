using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Fakes;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The at-least-once probe: the first <c>AddAsync</c> is written durably and then reported as failed (a timeout after
/// the server committed), so the activity is retried over a write that already happened.
/// </summary>
internal sealed class ThrowAfterWriteMemoryStore(IMemoryStore inner) : DelegatingMemoryStore(inner)
{
    private int _adds;

    public int Adds => Volatile.Read(ref _adds);

    public override async Task<MemoryWriteResult> AddAsync(
        MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await base.AddAsync(partition, memory, history, options, cancellationToken);
        return Interlocked.Increment(ref _adds) == 1 ? throw new IOException("The write committed, but its acknowledgement was lost.") : result;
    }
}
