namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// Which embedding model made the container's vectors: one document in a logical partition of its own,
/// [<see cref="StorePartition"/>, <see cref="StorePartition"/>], which no tenant or user can name (their ids must start
/// with a letter or digit), so no user's erase, export or query ever sees it. Never expires (no <c>ttl</c>).
/// </summary>
internal sealed class EmbeddingModelDocument
{
    /// <summary>Both levels of the partition key of store-wide documents.</summary>
    public const string StorePartition = "_store";

    public string Id { get; set; } = DocumentTypes.EmbeddingModelDocumentId;

    public string Type { get; set; } = DocumentTypes.EmbeddingModel;

    public string TenantId { get; set; } = StorePartition;

    public string UserId { get; set; } = StorePartition;

    public required string ModelId { get; set; }

    public required int Dimensions { get; set; }

    /// <summary>When the stamp was written (ISO 8601), for whoever reads the container by hand.</summary>
    public required string RecordedAt { get; set; }
}
