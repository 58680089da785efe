namespace MemoryFunctions.Core.Domain;

/// <summary>
/// The one place a memory record is built from a draft and the one rule for bringing an ended statement back. Direct
/// writes, extracted facts, kept turns and rolling summaries all come through here, so the derived fields (id, content
/// hash, timestamps) follow one rule.
/// </summary>
public static class MemoryRecords
{
    /// <summary>
    /// A new record of <paramref name="draft"/>, recorded at <paramref name="now"/>. Its id defaults to the content id
    /// (<see cref="MemoryIds.ForMemory"/>: partition, agent and text), which makes a repeated write find the same document;
    /// turns and summaries pass their own id. Event time defaults to <paramref name="now"/>.
    /// </summary>
    public static MemoryRecord Create(MemoryPartition partition, MemoryDraft draft, float[] embedding, DateTimeOffset now, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new MemoryRecord
        {
            Id = id ?? MemoryIds.ForMemory(partition, draft.AgentId, draft.Text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            AgentId = draft.AgentId,
            SessionId = draft.SessionId,
            Kind = draft.Kind,
            Speaker = draft.Speaker,
            Text = draft.Text,
            ResolvedDates = draft.ResolvedDates,
            PrecedingText = draft.PrecedingText,
            Ordinal = draft.Ordinal,
            Embedding = embedding,
            Metadata = draft.Metadata ?? new Dictionary<string, MetadataValue>(),
            Tags = draft.Tags ?? [],
            Source = draft.Source,
            Confidence = draft.Confidence,
            Importance = draft.Importance,
            ContentHash = MemoryIds.ContentHash(draft.Text),
            Provenance = draft.Provenance ?? Provenance.Direct,
            CreatedAt = now,
            UpdatedAt = now,
            ValidFrom = draft.ValidFrom ?? now,
            ExpiresAt = draft.ExpiresAt,
        };
    }

    /// <summary>
    /// The statement was stored before and has ended (superseded, retracted or expired), and is stated again: ids derive
    /// from content, so the same document becomes current again, as <paramref name="wanted"/> says it now, keeping only
    /// when it was first recorded. Its history keeps the earlier life.
    /// </summary>
    public static MemoryRecord Revive(MemoryRecord ended, MemoryRecord wanted)
    {
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(wanted);
        return wanted with { CreatedAt = ended.CreatedAt, ValidTo = null, SupersededBy = null };
    }

    /// <summary>Event time never lies in the future of the recording: a message stamped ahead (clock skew) counts from now.</summary>
    public static DateTimeOffset NotAfter(DateTimeOffset? eventTime, DateTimeOffset now) =>
        eventTime is { } at && at <= now ? at : now;
}
