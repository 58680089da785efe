namespace MemoryFunctions.Core.Audit;

/// <summary>
/// Where audit records are kept: outside every user partition (no user erase, export or query reaches them), for
/// <see cref="AuditOptions.RetentionDays"/>. A write is acknowledged only once it is durable.
/// </summary>
public interface IAuditLog
{
    /// <summary>Writes <paramref name="record"/>, replacing the record with the same id (its outcome replaces its start).</summary>
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>The tenant's records within retention, newest first by start time (records started at the same instant in no set order), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(string tenantId, int limit, CancellationToken cancellationToken = default);
}
