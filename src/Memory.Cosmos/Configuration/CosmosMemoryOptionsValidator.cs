using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>Fails start-up on a bad setting with a message that names the setting and the fix.</summary>
internal sealed class CosmosMemoryOptionsValidator(ContainerDefinition definition) : IValidateOptions<CosmosMemoryOptions>
{
    /// <summary>Cosmos DB's limit for the flat vector index; quantizedFlat and diskANN go to 4096.</summary>
    public const int MaxFlatDimensions = 505;

    public const int MaxDimensions = 4096;

    /// <summary>Past this, a count reused by the quotas is too old to hold a tenant to them.</summary>
    public static readonly TimeSpan MaxUsageCacheDuration = TimeSpan.FromMinutes(5);

    private const string Prefix = CosmosMemoryOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, CosmosMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AccountEndpoint))
        {
            failures.Add($"{Prefix}AccountEndpoint is missing. Set it to the account's endpoint, e.g. https://<account>.documents.azure.com:443/ (emulator: https://localhost:8081/).");
        }
        else if (!Uri.TryCreate(options.AccountEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}AccountEndpoint '{options.AccountEndpoint}' is not an absolute http(s) URL. Use the form https://<account>.documents.azure.com:443/.");
        }

        var indexType = options.VectorIndexType ?? definition.Vector.IndexType;
        var parsedIndexType = CosmosStoreSettings.ParseIndexType(indexType);
        if (parsedIndexType is null)
        {
            failures.Add($"{Prefix}VectorIndexType '{indexType}' is not supported. Use diskANN (default), quantizedFlat or flat.");
        }

        var dimensions = options.EmbeddingDimensions ?? definition.Vector.Dimensions;
        if (dimensions is < 1 or > MaxDimensions)
        {
            failures.Add($"{Prefix}EmbeddingDimensions is {dimensions}. Set it to the embedding model's output length (1..{MaxDimensions}, e.g. 1536 for text-embedding-3-small).");
        }
        else if (parsedIndexType == Microsoft.Azure.Cosmos.VectorIndexType.Flat && dimensions > MaxFlatDimensions)
        {
            failures.Add($"{Prefix}VectorIndexType flat supports at most {MaxFlatDimensions} dimensions but {Prefix}EmbeddingDimensions is {dimensions}. Use quantizedFlat or diskANN, or a smaller embedding.");
        }

        CheckName(failures, "DatabaseName", options.DatabaseName);
        CheckName(failures, "ContainerName", options.ContainerName);

        if (options.MaxRetryAttemptsOnRateLimitedRequests < 0)
        {
            failures.Add($"{Prefix}MaxRetryAttemptsOnRateLimitedRequests must be 0 or more (default 9).");
        }

        if (options.MaxRetryWaitTimeOnRateLimitedRequests < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}MaxRetryWaitTimeOnRateLimitedRequests must not be negative (default 00:00:30).");
        }

        if (options.UsageCacheDuration < TimeSpan.Zero || options.UsageCacheDuration > MaxUsageCacheDuration)
        {
            failures.Add($"{Prefix}UsageCacheDuration must lie between 00:00:00 and 00:05:00 (default 00:00:05): longer lets quotas be overshot for longer.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(List<string> failures, string setting, string? value)
    {
        if (value is not null && (value.Length is 0 or > 255 || value.IndexOfAny(['/', '\\', '#', '?']) >= 0 || value.Trim() != value))
        {
            failures.Add($"{Prefix}{setting} '{value}' is not a valid Cosmos DB name. Use 1-255 characters without '/', '\\', '#', '?' or surrounding spaces, or remove it to use the default from cosmos-container.json.");
        }
    }
}
