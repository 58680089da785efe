using Azure.Identity;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>Builds the process's one <see cref="CosmosClient"/> (it pools connections and caches routing; never create one per request).</summary>
internal static class CosmosClientFactory
{
    public const string ApplicationName = "MemoryFunctions";

    public static CosmosClientOptions CreateClientOptions(CosmosMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CosmosClientOptions
        {
            ApplicationName = ApplicationName,

            // Direct (TCP) for the lowest latency in Azure; the Linux emulator serves gateway mode only.
            ConnectionMode = options.UseGatewayMode ? ConnectionMode.Gateway : ConnectionMode.Direct,
            UseSystemTextJsonSerializerWithOptions = CosmosJson.Options,

            // The SDK's own 429 policy honours the service's retry-after; no second retry layer on top.
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTimeOnRateLimitedRequests,

            // Writes return ETag and RU in headers; echoing the document (embedding included) back would only cost bandwidth.
            EnableContentResponseOnWrite = false,

            // AllowBulkExecution stays off: every call is a single-partition point operation or batch on a latency-sensitive
            // path, where bulk's client-side batching would add delay without saving RU.
        };
    }

    public static CosmosClient Create(CosmosMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = CreateClientOptions(options);
        var endpoint = options.AccountEndpoint!;

        // Keys only for the emulator and local tests; in Azure, DefaultAzureCredential picks up the managed identity
        // (a user-assigned one through AZURE_CLIENT_ID) and the app holds a data-plane role, no secret.
        return string.IsNullOrWhiteSpace(options.Key)
            ? new CosmosClient(endpoint, new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(endpoint, options.Key, clientOptions);
    }
}
