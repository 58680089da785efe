using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Fakes;

namespace MemoryFunctions.Http.Tests.Fakes;

/// <summary>An in-memory store whose conditional writes always lose to a concurrent writer, as if another request got there first.</summary>
public sealed class LosingRaceMemoryStore : DelegatingMemoryStore
{
    public LosingRaceMemoryStore()
        : this(new InMemoryMemoryStore())
    {
    }

    private LosingRaceMemoryStore(InMemoryMemoryStore inner)
        : base(inner) => Inner = inner;

    public InMemoryMemoryStore Inner { get; }

    public override Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, memory with { ETag = "\"raced\"" }));

    public override Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, null));
}
