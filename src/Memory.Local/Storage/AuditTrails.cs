using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// The audit records the engine holds, per tenant, oldest first. Bounded: past <see cref="AuditOptions.MaxRecordsPerTenant"/>
/// a tenant's oldest record is dropped when a new one arrives (on replay too, so a restart rebuilds the same set), and
/// records older than <see cref="AuditOptions.RetentionDays"/> are never read and are left out of the next snapshot.
/// </summary>
internal sealed class AuditTrails(AuditOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, Trail> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Adds <paramref name="record"/> or replaces the record with its id; returns how many old records the cap dropped.</summary>
    public int Put(AuditRecord record)
    {
        lock (_gate)
        {
            if (!_tenants.TryGetValue(record.TenantId, out var trail))
            {
                _tenants[record.TenantId] = trail = new Trail();
            }

            if (trail.ById.Remove(record.Id, out var replaced))
            {
                trail.ByAge.Remove(Key(replaced));
            }

            trail.ById[record.Id] = record;
            trail.ByAge.Add(Key(record));
            var dropped = 0;
            while (trail.ByAge.Count > options.MaxRecordsPerTenant)
            {
                var oldest = trail.ByAge.Min;
                trail.ByAge.Remove(oldest);
                trail.ById.Remove(oldest.Id);
                dropped++;
            }

            return dropped;
        }
    }

    /// <summary>The tenant's records within retention, newest first.</summary>
    public IReadOnlyList<AuditRecord> Newest(string tenantId, int limit)
    {
        var cutoff = Cutoff();
        lock (_gate)
        {
            return _tenants.TryGetValue(tenantId, out var trail)
                ? trail.ByAge.Reverse().TakeWhile(key => key.StartedAt >= cutoff).Take(limit).Select(key => trail.ById[key.Id]).ToList()
                : [];
        }
    }

    /// <summary>Every record within retention, for the snapshot: older ones leave the files here.</summary>
    public IReadOnlyList<AuditRecord> Retained()
    {
        var cutoff = Cutoff();
        lock (_gate)
        {
            return _tenants.Values.SelectMany(trail => trail.ById.Values).Where(record => record.StartedAt >= cutoff).ToList();
        }
    }

    private DateTimeOffset Cutoff() => timeProvider.GetUtcNow() - options.Retention;

    private static (DateTimeOffset StartedAt, string Id) Key(AuditRecord record) => (record.StartedAt, record.Id);

    private sealed class Trail
    {
        public Dictionary<string, AuditRecord> ById { get; } = new(StringComparer.Ordinal);

        public SortedSet<(DateTimeOffset StartedAt, string Id)> ByAge { get; } = new(Comparer<(DateTimeOffset StartedAt, string Id)>.Create(
            (left, right) => left.StartedAt != right.StartedAt ? left.StartedAt.CompareTo(right.StartedAt) : string.CompareOrdinal(left.Id, right.Id)));
    }
}
