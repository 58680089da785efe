using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Configuration;

public sealed class CosmosClientFactoryTests
{
    [Fact]
    public void CreateClientOptions_Defaults_DirectModeSdkRetriesAndProjectSerializer()
    {
        var options = CosmosClientFactory.CreateClientOptions(new CosmosMemoryOptions { MaxRetryAttemptsOnRateLimitedRequests = 4, MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(12) });

        Assert.Equal(ConnectionMode.Direct, options.ConnectionMode);
        Assert.Equal("MemoryFunctions", options.ApplicationName);
        Assert.Equal(4, options.MaxRetryAttemptsOnRateLimitedRequests);
        Assert.Equal(TimeSpan.FromSeconds(12), options.MaxRetryWaitTimeOnRateLimitedRequests);
        Assert.Same(CosmosJson.Options, options.UseSystemTextJsonSerializerWithOptions);
        Assert.False(options.EnableContentResponseOnWrite);
        Assert.False(options.AllowBulkExecution);
    }

    [Fact]
    public void CreateClientOptions_GatewayMode_ForEmulator()
    {
        Assert.Equal(ConnectionMode.Gateway, CosmosClientFactory.CreateClientOptions(new CosmosMemoryOptions { UseGatewayMode = true }).ConnectionMode);
    }

    [Fact]
    public void Create_WithKey_ClientForEndpoint()
    {
        using var client = CosmosClientFactory.Create(new CosmosMemoryOptions
        {
            AccountEndpoint = "https://example.documents.azure.com:443/",
            Key = Convert.ToBase64String(new byte[64]),
        });

        Assert.Equal(new Uri("https://example.documents.azure.com:443/"), client.Endpoint);
    }
}
