using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The shared IMemoryStore suite against the Cosmos gateway double, through the real SDK, in every test run.</summary>
public sealed class GatewayMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    protected override int Dimensions => ConformanceAccount.Dimensions;

    protected override async Task<IMemoryStore> CreateStoreAsync() =>
        new CosmosMemoryStore(await GatewayAccount.ContainerAsync(), TimeProvider.System, NullLogger<CosmosMemoryStore>.Instance);
}
