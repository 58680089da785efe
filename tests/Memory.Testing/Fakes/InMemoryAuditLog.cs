using System.Collections.Concurrent;
using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>An <see cref="IAuditLog"/> in memory that keeps every write in order; <see cref="OnWrite"/> can fail one.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly ConcurrentDictionary<string, AuditRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AuditRecord> _writes = new();

    /// <summary>Called before each write is stored; throw from it to make the write fail.</summary>
    public Action<AuditRecord>? OnWrite { get; set; }

    /// <summary>Every write that succeeded, in order (a start, then its outcome).</summary>
    public IReadOnlyList<AuditRecord> Writes => [.. _writes];

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        OnWrite?.Invoke(record);
        _records[record.Id] = record;
        _writes.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<AuditRecord> records = [.. _records.Values.Where(r => r.TenantId == tenantId).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(limit)];
        return Task.FromResult(records);
    }
}
