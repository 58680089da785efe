using MemoryFunctions.Http.EventGrid;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Tests.EventGrid;

public sealed class EventGridHandshakeTests
{
    [Fact]
    public void TryAllow_WithRequestOrigin_EchoesOriginAndAllowsAnyRate()
    {
        var request = new HeaderDictionary { ["WebHook-Request-Origin"] = "eventgrid.azure.net" };
        var response = new HeaderDictionary();

        Assert.True(EventGridHandshake.TryAllow(request, response));
        Assert.Equal("eventgrid.azure.net", response["WebHook-Allowed-Origin"].ToString());
        Assert.Equal("*", response["WebHook-Allowed-Rate"].ToString());
    }

    [Fact]
    public void TryAllow_WithoutRequestOrigin_ReturnsFalseAndSetsNothing()
    {
        var response = new HeaderDictionary();

        Assert.False(EventGridHandshake.TryAllow(new HeaderDictionary(), response));
        Assert.Empty(response);
    }
}
