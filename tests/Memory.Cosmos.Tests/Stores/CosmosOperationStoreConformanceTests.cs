using MemoryFunctions.Core.Operations;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Conformance;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The shared IOperationStore suite against a real Cosmos DB account or emulator; SKIPPED without COSMOS_ENDPOINT.</summary>
public sealed class CosmosOperationStoreConformanceTests : OperationStoreConformanceTests
{
    protected override string? SkipReason => ConformanceAccount.SkipReason;

    protected override async Task<IOperationStore> CreateStoreAsync() => new CosmosOperationStore(await ConformanceAccount.ContainerAsync());
}
