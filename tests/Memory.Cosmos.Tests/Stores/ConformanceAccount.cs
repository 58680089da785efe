using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// The real account the opt-in suites run against (COSMOS_ENDPOINT, COSMOS_KEY optional: otherwise DefaultAzureCredential;
/// see docs/cosmos.md). One container per test run, 16 dimensions with an exact flat index, created if missing, so ranks are
/// deterministic and production data is untouched.
/// </summary>
internal static class ConformanceAccount
{
    public const int Dimensions = 16;

    private static readonly Lazy<Task<CosmosMemoryContainer>> Shared = new(InitializeAsync);

    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("COSMOS_ENDPOINT"))
            ? "COSMOS_ENDPOINT is not set: the Cosmos DB suites need an account or emulator (see docs/cosmos.md)."
            : null;

    public static Task<CosmosMemoryContainer> ContainerAsync() => Shared.Value;

    private static async Task<CosmosMemoryContainer> InitializeAsync()
    {
        var options = new CosmosMemoryOptions
        {
            AccountEndpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT"),
            Key = Environment.GetEnvironmentVariable("COSMOS_KEY"),
            DatabaseName = Environment.GetEnvironmentVariable("COSMOS_DATABASE") ?? "memory-conformance",
            ContainerName = Environment.GetEnvironmentVariable("COSMOS_CONTAINER") ?? "conformance-16",
            CreateIfNotExists = true,
            EmbeddingDimensions = Dimensions,
            VectorIndexType = "flat",
            FullTextSearch = !string.Equals(Environment.GetEnvironmentVariable("COSMOS_FULL_TEXT"), "false", StringComparison.OrdinalIgnoreCase),
            UseGatewayMode = string.Equals(Environment.GetEnvironmentVariable("COSMOS_GATEWAY"), "true", StringComparison.OrdinalIgnoreCase),
        };
        var definition = ContainerDefinition.Load();
        var container = new CosmosMemoryContainer(CosmosClientFactory.Create(options), CosmosStoreSettings.From(options, definition));
        var initializer = new CosmosContainerInitializer(container, definition, NullLogger<CosmosContainerInitializer>.Instance) { ShouldCreate = true };
        await initializer.StartAsync(CancellationToken.None);
        return container;
    }
}
