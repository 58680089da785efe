using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>Erasure ends with proof (an empty id query of the partition) whether or not the account deletes by partition key.</summary>
public sealed class CosmosEraseGatewayTests
{
    private static readonly MemoryPartition Partition = new("t", "u");

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task EraseAsync_WithOrWithoutPartitionDelete_DeletesWhatTheQueryStillShowsThenProvesEmpty(HttpStatusCode partitionDelete)
    {
        using var stores = new GatewayStores();
        var idQueries = 0;
        stores.Gateway.On(r => r.Path.EndsWith("/partitionkeydelete", StringComparison.Ordinal), () => ScriptedCosmosGateway.Status(partitionDelete));
        stores.Gateway.On(r => r.IsQuery && r.Sql == "SELECT VALUE c.id FROM c"
            ? Interlocked.Increment(ref idQueries) == 1 ? ScriptedCosmosGateway.Page([JsonValue.Create("m|a"), JsonValue.Create("h|b")]) : ScriptedCosmosGateway.Page([])
            : null);
        stores.Gateway.On(r => r.Method == HttpMethod.Delete, () => new HttpResponseMessage(HttpStatusCode.NoContent));

        await stores.Memories.EraseAsync(Partition);

        Assert.Equal(2, idQueries);
        Assert.Equal(["m|a", "h|b"], stores.Gateway.Requests.Where(r => r.Method == HttpMethod.Delete).Select(r => r.Path.Split('/')[^1]).Order().Reverse());
        Assert.All(stores.Gateway.Requests, request => Assert.Equal("[\"t\",\"u\"]", request.PartitionKey));
    }

    [Fact]
    public async Task EraseAsync_PartitionKeepsRefilling_GivesUpTransientSoTheEraseIsRetried()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.IsQuery && r.Sql == "SELECT VALUE c.id FROM c", () => ScriptedCosmosGateway.Page([JsonValue.Create("m|again")]));
        stores.Gateway.On(r => r.Method == HttpMethod.Delete, () => new HttpResponseMessage(HttpStatusCode.NoContent));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.EraseAsync(Partition));

        Assert.True(failure.IsTransient);
    }
}
