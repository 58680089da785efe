using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Core.Audit;

/// <summary>How long audit records are kept and how many, bound from <c>Memory:Audit</c> and validated at start-up.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Memory:Audit";

    /// <summary>Records older than this are dropped (embedded store: at compaction, and never read; Cosmos DB: item <c>ttl</c>).</summary>
    [Range(1, 3650, ErrorMessage = "Memory:Audit:RetentionDays must be between 1 and 3650 (default 400).")]
    public int RetentionDays { get; set; } = 400;

    /// <summary>
    /// The embedded store keeps at most this many records per tenant, dropping that tenant's oldest first, so one tenant's
    /// burst of exports cannot push out another tenant's trail, nor grow memory without bound. Cosmos DB is bounded by
    /// <see cref="RetentionDays"/> only.
    /// </summary>
    [Range(100, 10_000_000, ErrorMessage = "Memory:Audit:MaxRecordsPerTenant must be between 100 and 10000000 (default 100000).")]
    public int MaxRecordsPerTenant { get; set; } = 100_000;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
