using MemoryFunctions.Server.Tests.Auth;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Server.Tests.Mcp;

/// <summary>What a model gets back when it fills a tool in wrong, and what the operator's log says about it.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class McpArgumentErrorTests(MemoryServerFixture fixture)
{
    [Theory]
    [InlineData("remember", "userMessages", "\"just a string\"", "Argument 'userMessages' must be an array of string values; it was a string.")]
    [InlineData("recall", "maxTokens", "\"lots\"", "Argument 'maxTokens' must be integer (optional); it was a string.")]
    [InlineData("recall", "querry", "\"typo\"", "Unknown argument 'querry'. This tool takes: query (string)")]
    [InlineData("forget", "memoryId", "42", "Argument 'memoryId' must be string (optional); it was a number.")]
    public async Task CallTool_WrongArgument_ErrorNamesTheArgumentAndTheType(string tool, string argument, string json, string expected)
    {
        var capture = new CapturingLoggerProvider();
        using var factory = fixture.CreateFactory(replace: services => services.AddSingleton<ILoggerProvider>(capture));
        await using var mcp = await McpSessions.ConnectAsync(factory, new Dictionary<string, string>());
        var arguments = new Dictionary<string, object?> { ["userId"] = Api.NewUser(), [argument] = System.Text.Json.JsonDocument.Parse(json).RootElement };

        var error = await McpSessions.CallErrorAsync(mcp, tool, arguments);

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(capture.Entries, entry => entry.StartsWith("[Error]", StringComparison.Ordinal) || entry.StartsWith("[Critical]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forget_UnknownId_ToolErrorLoggedAsWarningWithoutStackTrace()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = fixture.CreateFactory(replace: services => services.AddSingleton<ILoggerProvider>(capture));
        await using var mcp = await McpSessions.ConnectAsync(factory, new Dictionary<string, string>());

        var error = await McpSessions.CallErrorAsync(mcp, "forget", new() { ["userId"] = Api.NewUser(), ["memoryId"] = "no-such-memory" });

        Assert.Contains("no-such-memory", error, StringComparison.Ordinal);
        var logged = Assert.Single(capture.Entries, entry => entry.Contains("(4003)", StringComparison.Ordinal));
        Assert.StartsWith("[Warning]", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(capture.Entries, entry => entry.StartsWith("[Error]", StringComparison.Ordinal));
    }
}
