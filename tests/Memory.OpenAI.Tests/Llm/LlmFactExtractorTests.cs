using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests.Llm;

public sealed class LlmFactExtractorTests : IClassFixture<ModelServerFixture>, IDisposable
{
    private static readonly DateTimeOffset Sunday = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ScriptedModelServer _server;
    private readonly ServiceProvider _services;

    public LlmFactExtractorTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
        _services = TestModels.Build(TestModels.Settings(_server));
    }

    private IFactExtractor Extractor => _services.GetRequiredService<IFactExtractor>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ExtractAsync_ScriptedFacts_MapsNumbersToMessageIdsAndReturnsUsage()
    {
        _server.EnqueueChat("""
            {"facts":[
              {"text":"Moved to Oslo on 2026-10-25","kind":"episodic","source":"user","confidence":1,"importance":0.8,"slot":null,"isRetraction":false,"validFrom":"2026-10-25","messages":[1]},
              {"text":"Lives in Oslo","kind":"fact","source":"user","confidence":0.9,"importance":0.9,"slot":"Home City","isRetraction":false,"validFrom":null,"messages":[1]},
              {"text":"Agent recommended the Munch museum","kind":"fact","source":"agent","confidence":1,"importance":0.2,"slot":null,"isRetraction":false,"validFrom":null,"messages":[2]}
            ]}
            """);

        var result = await Extractor.ExtractAsync(Conversation());

        Assert.Equal(3, result.Facts.Count);
        var moved = result.Facts[0];
        Assert.Equal(MemoryKind.Episodic, moved.Kind);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), moved.ValidFrom);
        Assert.Equal(["m1"], moved.SourceMessageIds);
        Assert.Equal("home city", result.Facts[1].Slot);
        Assert.Equal(MemorySource.User, result.Facts[1].Source);
        Assert.Equal(MemorySource.Agent, result.Facts[2].Source);
        Assert.Equal(["m2"], result.Facts[2].SourceMessageIds);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("extract_v1", request.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal(PromptLibrary.Extract.Instructions, request.MessageContents[0]);
        Assert.Contains("[1] user 2026-11-01T12:00:00Z (Sunday)\nI moved to Oslo last Sunday.", request.MessageContents[1], StringComparison.Ordinal);
        Assert.Contains("[2] assistant 2026-11-01T12:01:00Z (Sunday)", request.MessageContents[1], StringComparison.Ordinal);
        Assert.DoesNotContain("system prompt of the agent", request.MessageContents[1], StringComparison.Ordinal);
        Assert.True(result.Usage.InputTokens > 0);
        Assert.Equal(2048, request.Body.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ExtractAsync_BadEnumThenValid_RetriesOnceWithTheErrorFedBack()
    {
        _server.EnqueueChat(
            """{"facts":[{"text":"Is happy","kind":"belief","source":"user","confidence":1,"importance":0.5,"slot":null,"isRetraction":false,"validFrom":null,"messages":[1]}]}""",
            """{"facts":[]}""");

        var result = await Extractor.ExtractAsync(Conversation());

        Assert.Empty(result.Facts);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains("$.facts[0].kind: \"belief\" is not one of", requests[1].MessageContents[^1], StringComparison.Ordinal);
        Assert.Equal(4, requests[1].MessageContents.Count);
        Assert.True(result.Usage.OutputTokens > ScriptedModelServer.EstimateTokens("""{"facts":[]}""".Length));
    }

    [Fact]
    public async Task ExtractAsync_MissingFieldTwice_ThrowsModelCallExceptionNamingTheField()
    {
        const string missingSlot = """{"facts":[{"text":"Lives in Oslo","kind":"fact","source":"user","confidence":1,"importance":0.5,"isRetraction":false,"validFrom":null,"messages":[1]}]}""";
        _server.EnqueueChat(missingSlot, missingSlot);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Extractor.ExtractAsync(Conversation()));

        Assert.Contains("required property 'slot' is missing", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ExtractAsync_ExtraFieldOrNotJson_IsRejected()
    {
        _server.EnqueueChat(
            """{"facts":[],"mood":"happy"}""",
            "Sure! Here are the facts.");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Extractor.ExtractAsync(Conversation()));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("property 'mood' is not allowed", _server.Requests[1].MessageContents[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_UserFactMinedFromAssistantText_IsRejected()
    {
        const string fromAssistant = """{"facts":[{"text":"Likes museums","kind":"preference","source":"user","confidence":1,"importance":0.5,"slot":null,"isRetraction":false,"validFrom":null,"messages":[2]}]}""";
        _server.EnqueueChat(fromAssistant, """{"facts":[]}""");

        var result = await Extractor.ExtractAsync(Conversation());

        Assert.Empty(result.Facts);
        Assert.Contains("must come from a user message", _server.Requests[1].MessageContents[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_OnlySystemMessages_DoesNotCallTheModel()
    {
        var result = await Extractor.ExtractAsync(new IngestionRequest([new("s", MessageRole.System, "You are helpful.", Sunday)]));

        Assert.Empty(result.Facts);
        Assert.Equal(0, result.Usage.TotalTokens);
        Assert.Empty(_server.Requests);
    }

    private static IngestionRequest Conversation() => new(
    [
        new("m0", MessageRole.System, "system prompt of the agent", Sunday),
        new("m1", MessageRole.User, "I moved to Oslo last Sunday.", Sunday),
        new("m2", MessageRole.Assistant, "Welcome to Oslo! You should visit the Munch museum.", Sunday.AddMinutes(1)),
    ]);
}
