using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// The audit records the engine holds, per tenant, oldest first. Bounded per tenant, actor and action: past
/// <see cref="AuditOptions.MaxRecordsPerActor"/> records of one actor and one action, that actor's oldest record of that
/// action is dropped (on replay too, so a restart rebuilds the same set). So a caller's actions only ever push out its
/// own records: no export, by anyone, and no other caller's erase can evict an erase record before its retention.
/// Records older than <see cref="AuditOptions.RetentionDays"/> are never read and are left out of the next snapshot.
/// </summary>
internal sealed class AuditTrails(AuditOptions options, TimeProvider timeProvider)
{
    private static readonly IComparer<(DateTimeOffset StartedAt, string Id)> ByAge = Comparer<(DateTimeOffset StartedAt, string Id)>.Create(
        (left, right) => left.StartedAt != right.StartedAt ? left.StartedAt.CompareTo(right.StartedAt) : string.CompareOrdinal(left.Id, right.Id));

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
                trail.Remove(replaced);
            }

            trail.ById[record.Id] = record;
            var bucket = trail.Add(record);
            var dropped = 0;
            while (bucket.Count > options.MaxRecordsPerActor)
            {
                var oldest = trail.ById[bucket.Min.Id];
                trail.ById.Remove(oldest.Id);
                trail.Remove(oldest);
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
                ? trail.All.Reverse().TakeWhile(key => key.StartedAt >= cutoff).Take(limit).Select(key => trail.ById[key.Id]).ToList()
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

    private sealed class Trail
    {
        private readonly Dictionary<(string Actor, AuditAction Action), SortedSet<(DateTimeOffset StartedAt, string Id)>> _buckets = [];

        public Dictionary<string, AuditRecord> ById { get; } = new(StringComparer.Ordinal);

        /// <summary>The tenant's records in order of age, for reading.</summary>
        public SortedSet<(DateTimeOffset StartedAt, string Id)> All { get; } = new(ByAge);

        public SortedSet<(DateTimeOffset StartedAt, string Id)> Add(AuditRecord record)
        {
            if (!_buckets.TryGetValue((record.Actor, record.Action), out var bucket))
            {
                _buckets[(record.Actor, record.Action)] = bucket = new(ByAge);
            }

            bucket.Add((record.StartedAt, record.Id));
            All.Add((record.StartedAt, record.Id));
            return bucket;
        }

        public void Remove(AuditRecord record)
        {
            All.Remove((record.StartedAt, record.Id));
            if (_buckets.TryGetValue((record.Actor, record.Action), out var bucket) && bucket.Remove((record.StartedAt, record.Id)) && bucket.Count == 0)
            {
                _buckets.Remove((record.Actor, record.Action));
            }
        }
    }
}
