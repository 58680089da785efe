namespace MemoryFunctions.Core.Domain;

/// <summary>
/// One durable memory of one user. Outdated memories are not destroyed: they get <see cref="ValidTo"/> (and
/// <see cref="SupersededBy"/> when a newer memory replaced them), so history and as-of queries keep working.
/// </summary>
public sealed record MemoryRecord
{
    /// <summary>Deterministic from partition, agent scope and content (see <see cref="MemoryIds"/>), so retries never duplicate.</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public MemoryKind Kind { get; init; } = MemoryKind.Fact;

    /// <summary>Who said it, for a kept turn of a conversation between named people; null otherwise.</summary>
    public string? Speaker { get; init; }

    public required string Text { get; init; }

    /// <summary>
    /// For a kept turn: the relative dates it says, resolved against when it was said ("yesterday = 4 March 2024; last
    /// Friday = 1 March 2024"), kept beside <see cref="Text"/>, which stays as said; searchable and shown with the turn.
    /// </summary>
    public string? ResolvedDates { get; init; }

    /// <summary>
    /// For a kept turn: the words of the turn said just before it in the conversation (clipped), searchable with the turn
    /// so that a reply ("Mostly jazz!") is found by the words of the question it answers. Never shown as the turn's text.
    /// </summary>
    public string? PrecedingText { get; init; }

    /// <summary>For a kept turn: its position among the turns posted in one request, so turns with one timestamp keep their posted order.</summary>
    public int? Ordinal { get; init; }

    /// <summary>The embedding of <see cref="Text"/>; empty only while a record is being built.</summary>
    public float[] Embedding { get; init; } = [];

    public IReadOnlyDictionary<string, MetadataValue> Metadata { get; init; } = new Dictionary<string, MetadataValue>();

    public IReadOnlyList<string> Tags { get; init; } = [];

    public MemorySource Source { get; init; } = MemorySource.User;

    /// <summary>0..1: how sure the writer is that the statement is true.</summary>
    public double Confidence { get; init; } = 1.0;

    /// <summary>0..1: how much the memory should weigh in ranking.</summary>
    public double Importance { get; init; } = 0.5;

    public required string ContentHash { get; init; }

    public Provenance Provenance { get; init; } = Provenance.Direct;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Event time: when it was said or happened (the message's time, or the date the text states), not when it was recorded.</summary>
    public DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public string? SupersededBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Opaque concurrency token assigned by the store on every write; ignored on input.</summary>
    public string ETag { get; init; } = string.Empty;

    public MemoryPartition Partition => new(TenantId, UserId);

    /// <summary>
    /// Held at <paramref name="at"/>, as the tenant quota on memories counts them (<c>Memory:Quotas:MaxMemories</c>): neither
    /// superseded (ended) nor expired. A memory valid only from a later time is held already (the user wrote it); an erased
    /// one is not in the store any more.
    /// </summary>
    public bool IsHeldAt(DateTimeOffset at) => (ValidTo is null || ValidTo > at) && (ExpiresAt is null || ExpiresAt > at);

    /// <summary>Visible at <paramref name="at"/>: already valid, not yet ended (unless superseded ones are wanted), not expired.</summary>
    public bool IsVisibleAt(DateTimeOffset at, bool includeSuperseded) =>
        ValidFrom <= at
        && (includeSuperseded || ValidTo is null || ValidTo > at)
        && (ExpiresAt is null || ExpiresAt > at);
}
