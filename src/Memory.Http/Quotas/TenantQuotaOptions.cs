using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// Per-tenant quotas (configuration section <c>Memory:Quotas</c>): <c>Default</c> applies to every tenant without an entry
/// under <c>Tenants</c>. Unset means no quota, except where the host fills in its defaults (<see cref="TenantQuotaDefaults"/>:
/// users on both hosts, queued operations on Functions). A request over a rate or queue quota gets 429 with
/// <c>Retry-After</c>, a write past a holdings quota (users, memories) 403; both a problem naming the limit
/// (docs/errors.md, <c>quota-exceeded</c>).
/// </summary>
public sealed class TenantQuotaOptions
{
    public const string SectionName = "Memory:Quotas";

    public TenantQuota Default { get; set; } = new();

    /// <summary>Quotas of named tenants (tenant id to quota), instead of <see cref="Default"/>.</summary>
    public Dictionary<string, TenantQuota> Tenants { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a write waits for its tenant's quota check (its turn, and the store's count) before it is answered 503 with
    /// <c>Retry-After</c> (<c>store-unavailable</c>): a slow or throttled count holds up that tenant's writes this long at
    /// most, and never another tenant's.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Requests of one tenant in the handler at once while no other tenant is active (<see cref="TenantRequestGate"/>):
    /// a tenant alone keeps the concurrency that overlaps its writes' fsyncs. Default 64.
    /// </summary>
    [Range(1, 100_000)]
    public int ConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// Requests of one tenant in the handler at once while another tenant is active, so one tenant's flood takes at most
    /// this share of the threads and cores from the others. Default: half the cores, at least 1.
    /// </summary>
    [Range(1, 100_000)]
    public int? SharedConcurrentRequests { get; set; }

    /// <summary>How long after its last request ended a tenant still counts as active (its next request is usually on the way). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests of one tenant that may wait for a place at once; past it, 429 at once. Default 100.</summary>
    [Range(0, 100_000)]
    public int MaxWaitingRequests { get; set; } = 100;

    /// <summary>How long a request waits for a place among its tenant's before 429 with <c>Retry-After</c>. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConcurrencyWait { get; set; } = TimeSpan.FromSeconds(10);

    internal int SharedConcurrentRequestsOrDefault => SharedConcurrentRequests ?? Math.Max(1, Environment.ProcessorCount / 2);

    public TenantQuota For(string tenantId) => Tenants.TryGetValue(tenantId, out var quota) ? quota : Default;
}

/// <summary>One tenant's quota. Each instance of a deployment counts for itself: N instances let N times the rate through.</summary>
public sealed class TenantQuota
{
    /// <summary>Sustained requests per second of the tenant, over every partition-scoped route and MCP tool; unset: unlimited.</summary>
    [Range(0.001, 1_000_000)]
    public double? RequestsPerSecond { get; set; }

    /// <summary>How many requests may come at once after a quiet spell (the bucket's size); unset: one second's worth, at least 1.</summary>
    [Range(1, 1_000_000)]
    public int? Burst { get; set; }

    /// <summary>
    /// Operations of the tenant queued or running at once, over all its users; a submission past it gets 429 with
    /// <c>Retry-After</c> (nothing is queued). On the Functions host, where every tenant shares one Durable task hub, this
    /// is what keeps a flood from filling it. Unset: the host's default (<see cref="TenantQuotaDefaults"/>; Functions 100, the
    /// server none: its runner bounds each tenant's queue).
    /// </summary>
    [Range(1, 100_000_000)]
    public long? MaxQueuedOperations { get; set; }

    /// <summary>
    /// Users the tenant may hold (partitions with memories or operations); a write that would add one more gets 403. Unset:
    /// the host's default (<see cref="TenantQuotaDefaults"/>; server 10,000, Functions 100,000).
    /// </summary>
    [Range(1, 100_000_000)]
    public long? MaxUsers { get; set; }

    /// <summary>
    /// Memories the tenant may hold over all its users (neither superseded nor expired: <c>MemoryRecord.IsHeldAt</c>); a memory
    /// write or submission at or past it gets 403. Unset: unlimited.
    /// </summary>
    [Range(1, 10_000_000_000)]
    public long? MaxMemories { get; set; }

    /// <summary>
    /// True when every holdings quota of this tenant was filled in by the host's defaults (<see cref="TenantQuotaDefaults"/>),
    /// none set by the operator: a check whose count does not answer in time then admits the write instead of 503, since a
    /// safety net nobody asked for must not fail ordinary writes while the store is slow.
    /// </summary>
    internal bool HoldingsFromDefaultsOnly { get; set; }

    /// <summary>Whether any quota on what the tenant holds is set (they need a store that counts: <c>ITenantUsage</c>).</summary>
    internal bool CapsHoldings => MaxQueuedOperations is not null || MaxUsers is not null || MaxMemories is not null;

    internal int BurstOrDefault(double rate) => Burst ?? Math.Max(1, (int)Math.Ceiling(rate));
}
