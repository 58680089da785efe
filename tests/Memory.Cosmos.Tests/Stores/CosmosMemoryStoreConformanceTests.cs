using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// The shared conformance suite against a real Cosmos DB account or emulator. Runs when COSMOS_ENDPOINT is set
/// (COSMOS_KEY optional: otherwise DefaultAzureCredential); every test is reported SKIPPED otherwise. See docs/cosmos.md.
/// It uses its own container (16 dimensions, exact flat index) so ranks are deterministic and production data is untouched.
/// </summary>
public sealed class CosmosMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private const int TestDimensions = 16;

    private static readonly Lazy<Task<CosmosMemoryContainer>> Shared = new(InitializeAsync);

    protected override int Dimensions => TestDimensions;

    protected override string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("COSMOS_ENDPOINT"))
            ? "COSMOS_ENDPOINT is not set: the Cosmos DB conformance suite needs an account or emulator (see docs/cosmos.md)."
            : null;

    protected override async Task<IMemoryStore> CreateStoreAsync() =>
        new CosmosMemoryStore(await Shared.Value, TimeProvider.System, NullLogger<CosmosMemoryStore>.Instance);

    private static async Task<CosmosMemoryContainer> InitializeAsync()
    {
        var options = new CosmosMemoryOptions
        {
            AccountEndpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT"),
            Key = Environment.GetEnvironmentVariable("COSMOS_KEY"),
            DatabaseName = Environment.GetEnvironmentVariable("COSMOS_DATABASE") ?? "memory-conformance",
            ContainerName = Environment.GetEnvironmentVariable("COSMOS_CONTAINER") ?? "conformance-16",
            CreateIfNotExists = true,
            EmbeddingDimensions = TestDimensions,
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
