namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>
/// Settings of the Cosmos DB store, bound from <c>Memory:Cosmos</c>. Defaults for names, dimensions and index type come
/// from <c>cosmos-container.json</c>, the same file the Bicep deploys, so code and infrastructure cannot drift apart.
/// </summary>
public sealed class CosmosMemoryOptions
{
    public const string SectionName = "Memory:Cosmos";

    /// <summary>Required: the account's document endpoint, e.g. <c>https://my-account.documents.azure.com:443/</c>.</summary>
    public string? AccountEndpoint { get; set; }

    /// <summary>Optional account key (local emulator, tests). When empty, <c>DefaultAzureCredential</c> is used (managed identity in Azure).</summary>
    public string? Key { get; set; }

    public string? DatabaseName { get; set; }

    public string? ContainerName { get; set; }

    /// <summary>Create database and container on start-up when missing. Off in production, where Bicep owns them.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Length of the stored embeddings; must equal the embedding model's output (immutable once the container exists).</summary>
    public int? EmbeddingDimensions { get; set; }

    /// <summary><c>diskANN</c> (default), <c>quantizedFlat</c> or <c>flat</c>.</summary>
    public string? VectorIndexType { get; set; }

    /// <summary>True (default): lexical channel by Cosmos full-text search (BM25). False: see docs/cosmos.md (term overlap over vector candidates).</summary>
    public bool FullTextSearch { get; set; } = true;

    /// <summary>Passed to the SDK's own 429 retry policy.</summary>
    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 9;

    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a tenant's counted users, memories and unfinished operations are reused by the admission quotas
    /// (<c>Memory:Quotas</c>) before they are counted again (three COUNT queries over the tenant). 0 counts at every
    /// submission. See docs/cosmos.md, "Tenant usage".
    /// </summary>
    public TimeSpan UsageCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gateway mode for the Linux emulator (which serves gateway only); Direct otherwise.</summary>
    public bool UseGatewayMode { get; set; }
}
