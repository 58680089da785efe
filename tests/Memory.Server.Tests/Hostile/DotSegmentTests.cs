using System.Net;
using System.Net.Sockets;
using System.Text;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// Dot segments sent raw to real Kestrel, which removes them before routing: without a guard,
/// <c>DELETE /api/users/u/memories/%2e%2e</c> is routed as <c>DELETE /api/users/u</c> and erases the user. HttpClient
/// cannot send these (it normalises the URI itself), hence the raw socket.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class DotSegmentTests(MemoryServerFixture fixture)
{
    [Theory]
    [InlineData("DELETE", "/api/users/{user}/memories/%2e%2e")]
    [InlineData("DELETE", "/api/users/{user}/memories/..")]
    [InlineData("DELETE", "/api/users/{user}/memories/%2E%2e")]
    [InlineData("DELETE", "/api/users/{user}/memories/.%2e")]
    [InlineData("DELETE", "/api/users/{user}/memories/x/../..")]
    [InlineData("DELETE", "/api/users/other/../{user}")]
    [InlineData("GET", "/api/users/other/%2e%2e/{user}/export")]
    [InlineData("GET", "/api/users/{user}/memories/./")]
    public async Task RawDotSegment_OnKestrel_Returns400AndTheUserKeepsEverything(string method, string target)
    {
        using var factory = fixture.StartKestrel();
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        await client.CreateMemoryAsync(user, """{"text":"Still here after the attack"}""");

        var (status, body) = await SendRawAsync(client.BaseAddress!, method, target.Replace("{user}", user, StringComparison.Ordinal));

        Assert.True(status == 400, $"{method} {target}: {status} {body}");
        Assert.Contains("application/problem+json", body, StringComparison.Ordinal);
        using var list = await client.GetAsync($"/api/users/{user}/memories");
        Assert.Single((await list.ReadJsonAsync())["items"]!.AsArray());
    }

    private static async Task<(int Status, string Response)> SendRawAsync(Uri server, string method, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var request = $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
