using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>A memory as the API returns it. Tenant and user are implied by the request; the embedding only when asked for.</summary>
public sealed record MemoryResponse
{
    public required string Id { get; init; }

    public required MemoryKind Kind { get; init; }

    public required string Text { get; init; }

    /// <summary>
    /// For a kept turn: the relative dates it says, resolved against when it was said ("yesterday = 4 March 2024"); its
    /// <c>text</c> stays as said.
    /// </summary>
    public string? ResolvedDates { get; init; }

    /// <summary>For a kept turn: its position among the turns posted in one request (turns with one timestamp list in this order).</summary>
    public int? Ordinal { get; init; }

    /// <summary>
    /// For a kept turn, in exports only: the words of the turn said before it (clipped), searched with it so that a reply
    /// is found by the question it answers; never its text.
    /// </summary>
    public string? PrecedingText { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>Who said it, for a kept turn of a conversation between named people.</summary>
    public string? Speaker { get; init; }

    public required IReadOnlyDictionary<string, MetadataValue> Metadata { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required MemorySource Source { get; init; }

    public required double Confidence { get; init; }

    public required double Importance { get; init; }

    public required string ContentHash { get; init; }

    public string? OperationId { get; init; }

    public required IReadOnlyList<string> MessageIds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public string? SupersededBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The quoted entity tag, as in the <c>ETag</c> header; send it back in <c>If-Match</c>.</summary>
    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    /// <summary>Present only with <c>includeEmbedding</c> (and in exports).</summary>
    public IReadOnlyList<float>? Embedding { get; init; }

    /// <summary>A memory as an export gives it: with its embedding and every stored field.</summary>
    public static MemoryResponse ForExport(MemoryRecord memory) =>
        From(memory, includeEmbedding: true) with { PrecedingText = memory.PrecedingText };

    public static MemoryResponse From(MemoryRecord memory, bool includeEmbedding = false)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return new MemoryResponse
        {
            Id = memory.Id,
            Kind = memory.Kind,
            Text = memory.Text,
            ResolvedDates = memory.ResolvedDates,
            Ordinal = memory.Ordinal,
            AgentId = memory.AgentId,
            SessionId = memory.SessionId,
            Speaker = memory.Speaker,
            Metadata = memory.Metadata,
            Tags = memory.Tags,
            Source = memory.Source,
            Confidence = memory.Confidence,
            Importance = memory.Importance,
            ContentHash = memory.ContentHash,
            OperationId = memory.Provenance.OperationId,
            MessageIds = memory.Provenance.MessageIds,
            CreatedAt = memory.CreatedAt,
            UpdatedAt = memory.UpdatedAt,
            ValidFrom = memory.ValidFrom,
            ValidTo = memory.ValidTo,
            SupersededBy = memory.SupersededBy,
            ExpiresAt = memory.ExpiresAt,
            ETag = EntityTags.ToHeader(memory.ETag),
            Embedding = includeEmbedding ? memory.Embedding : null,
        };
    }
}
