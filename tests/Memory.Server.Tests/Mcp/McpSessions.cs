using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MemoryFunctions.Server.Tests.Mcp;

/// <summary>MCP sessions through the SDK's own client against a test server, and tool calls read as text.</summary>
internal static class McpSessions
{
    /// <summary>A session whose every request carries <paramref name="headers"/> (credential, tenant, pinned user).</summary>
    public static Task<McpClient> ConnectAsync(WebApplicationFactory<Program> factory, IDictionary<string, string> headers)
    {
        var http = factory.CreateClient();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "api/mcp"), TransportMode = HttpTransportMode.StreamableHttp, AdditionalHeaders = headers },
            http,
            loggerFactory: null,
            ownsHttpClient: true);
        return McpClient.CreateAsync(transport);
    }

    public static async Task<(string Text, bool IsError)> CallAsync(McpClient mcp, string tool, Dictionary<string, object?> arguments)
    {
        var result = await mcp.CallToolAsync(tool, arguments);
        return (string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text)), result.IsError is true);
    }

    public static async Task<string> CallErrorAsync(McpClient mcp, string tool, Dictionary<string, object?> arguments)
    {
        var (text, isError) = await CallAsync(mcp, tool, arguments);
        Assert.True(isError, $"{tool} should have failed: {text}");
        return text;
    }
}
