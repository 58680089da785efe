using MemoryFunctions.Core.Operations;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Conformance;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The shared IOperationStore suite against the Cosmos gateway double, through the real SDK, in every test run.</summary>
public sealed class GatewayOperationStoreConformanceTests : OperationStoreConformanceTests
{
    protected override async Task<IOperationStore> CreateStoreAsync() => new CosmosOperationStore(await GatewayAccount.ContainerAsync());
}
