using MemoryFunctions.Core.Audit;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

/// <summary>
/// <see cref="IAuditLog"/> on the embedded <see cref="LocalStorageEngine"/>: each record is one unsealed log entry,
/// fsynced before the write returns, kept in the snapshot through every compaction within retention, and under no
/// partition's key, so the erase it records cannot shred it. Reads are served from memory (<see cref="AuditTrails"/>).
/// </summary>
public sealed class LocalAuditLog(LocalStorageEngine engine) : IAuditLog
{
    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return engine.SubmitAsync((_, sequence) => new Decision<int>(new AuditPutEntry(sequence, record), 0), waitsForCompaction: false, cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Task.FromResult(engine.AuditRecords(tenantId, limit));
    }
}
