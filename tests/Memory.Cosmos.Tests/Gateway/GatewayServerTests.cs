using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>The gateway double over loopback HTTP, reached the way a host reaches an account: endpoint, key, gateway mode.</summary>
public sealed class GatewayServerTests
{
    [Fact]
    public async Task StoreOverLoopback_ConfiguredLikeAnAccount_WritesAndReadsBack()
    {
        using var gateway = new CosmosGateway();
        await using var server = await CosmosGatewayServer.StartAsync(gateway);
        var options = new CosmosMemoryOptions { AccountEndpoint = server.Endpoint.ToString(), Key = CosmosGatewayServer.Key, UseGatewayMode = true };
        using var container = new CosmosMemoryContainer(CosmosClientFactory.Create(options), CosmosStoreSettings.From(options, ContainerDefinition.Load()));
        var store = new CosmosMemoryStore(container, new FakeTimeProvider(TestRecords.Now), NullLogger<CosmosMemoryStore>.Instance);
        var partition = new MemoryPartition("t", "u");
        var memory = TestRecords.Memory(partition);

        var written = await store.AddAsync(partition, memory, TestRecords.Added(memory), MemoryWriteOptions.InEpoch(0));

        Assert.Equal(WriteStatus.Written, written.Status);
        Assert.Equal(memory.Text, (await store.GetAsync(partition, memory.Id))!.Text);
        Assert.StartsWith("http://127.0.0.1:", server.Endpoint.ToString(), StringComparison.Ordinal);
    }
}
