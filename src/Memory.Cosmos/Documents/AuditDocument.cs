using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// An audit record as stored: in the logical partition [<see cref="AuditPartition"/>, audited tenant], which no tenant can
/// name (tenant ids must start with a letter or digit), so no user's erase, export or query reaches it, and one tenant's
/// trail is read with a single-partition query. The audited tenant and user are therefore fields of their own. Expires
/// through <c>ttl</c> after <see cref="AuditOptions.RetentionDays"/>. Ids, names and counts only, never memory text.
/// </summary>
internal sealed class AuditDocument
{
    /// <summary>The first level of the partition key of every audit record.</summary>
    public const string AuditPartition = "_audit";

    public required string Id { get; set; }

    public string Type { get; set; } = DocumentTypes.Audit;

    public string TenantId { get; set; } = AuditPartition;

    /// <summary>Second level of the partition key: the audited tenant.</summary>
    public required string UserId { get; set; }

    public required string AuditedTenantId { get; set; }

    public required string AuditedUserId { get; set; }

    public required AuditAction Action { get; set; }

    public required AuditOutcome Outcome { get; set; }

    public required string Actor { get; set; }

    public string? TraceId { get; set; }

    public required string StartedAt { get; set; }

    public string? CompletedAt { get; set; }

    public string? Detail { get; set; }

    public required int Ttl { get; set; }
}
