using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>A memory as the API returns it. Tenant and user are implied by the request; the embedding only when asked for.</summary>
public sealed record MemoryResponse
{
    public required string Id { get; init; }

    public required MemoryKind Kind { get; init; }

    public required string Text { get; init; }

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

    public static MemoryResponse From(MemoryRecord memory, bool includeEmbedding = false)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return new MemoryResponse
        {
            Id = memory.Id,
            Kind = memory.Kind,
            Text = memory.Text,
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
