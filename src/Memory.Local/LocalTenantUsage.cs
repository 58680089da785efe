using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local;

/// <summary><see cref="ITenantUsage"/> from the embedded store's in-memory indexes: exact, and never a file read.</summary>
public sealed class LocalTenantUsage(LocalStorageEngine engine, TimeProvider timeProvider) : ITenantUsage
{
    public ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(engine.UsageOf(partition, timeProvider.GetUtcNow()));
}
