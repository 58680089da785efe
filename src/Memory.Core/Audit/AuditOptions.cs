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
    /// The embedded store keeps at most this many records per tenant for each actor and action, dropping that actor's
    /// oldest record of that action first: a caller's exports or erases push out only its own records, never another
    /// caller's (an admin's erase records outlive any number of exports by a user's own key), and memory stays bounded by
    /// the number of credentials. Cosmos DB is bounded by <see cref="RetentionDays"/> only.
    /// </summary>
    [Range(100, 10_000_000, ErrorMessage = "Memory:Audit:MaxRecordsPerActor must be between 100 and 10000000 (default 10000).")]
    public int MaxRecordsPerActor { get; set; } = 10_000;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
