using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The shared IMemoryStore suite against a real Cosmos DB account or emulator; SKIPPED without COSMOS_ENDPOINT.</summary>
public sealed class CosmosMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    protected override int Dimensions => ConformanceAccount.Dimensions;

    protected override string? SkipReason => ConformanceAccount.SkipReason;

    protected override async Task<IMemoryStore> CreateStoreAsync() =>
        new CosmosMemoryStore(await ConformanceAccount.ContainerAsync(), TimeProvider.System, NullLogger<CosmosMemoryStore>.Instance);
}
