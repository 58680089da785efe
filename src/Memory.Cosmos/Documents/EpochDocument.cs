using System.Text.Json.Serialization;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// The partition's erase epoch (<c>type = "epoch"</c>, id <see cref="DocumentTypes.EpochDocumentId"/>). It lives in the
/// user's own logical partition because a transactional batch covers exactly one: every fenced write patches it with a
/// filter on <see cref="Epoch"/> in the same batch, so the write fails atomically once an erase has moved the epoch on.
/// It outlives the erase (ids and numbers only, no user content), or a stale write could not be refused.
/// </summary>
internal sealed class EpochDocument
{
    public string Id { get; set; } = DocumentTypes.EpochDocumentId;

    public string Type { get; set; } = DocumentTypes.Epoch;

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public long Epoch { get; set; }

    /// <summary>Incremented by every fenced write: a patch needs an operation, and this one is harmless.</summary>
    public long FencedWrites { get; set; }

    public string? ErasedAt { get; set; }

    /// <summary>
    /// Whether the partition was written since it was created or last erased: every fenced write sets it, an erase clears it.
    /// A tenant's users are the epoch documents that hold data (<see cref="Queries.TenantQueries"/>), one small document per
    /// user, so counting or listing them needs no DISTINCT over memories. Absent (null) on documents written before it existed:
    /// those hold data unless an erase stamped them (<see cref="Holds"/>).
    /// </summary>
    public bool? HoldsData { get; set; }

    /// <summary>Whether the partition holds data, by the rule of <see cref="Queries.TenantQueries.UserHoldsData"/>.</summary>
    [JsonIgnore]
    public bool Holds => HoldsData ?? ErasedAt is null;

    /// <summary>
    /// Set by every erase since documents carry their epoch (<see cref="MemoryDocument.Epoch"/>): from then on reads keep only
    /// documents of the current epoch, and everything older is waiting to be deleted. Absent (false) on a partition never
    /// erased since: its documents, stamped or not, all belong to the current epoch, so reads need no epoch filter. This is
    /// the migration: an epoch advanced by older code (which deleted everything at once) leaves unstamped documents that
    /// are live, and they stay visible until the next erase.
    /// </summary>
    public bool DocumentsStamped { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }
}
