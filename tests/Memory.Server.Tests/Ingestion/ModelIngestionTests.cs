using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>
/// The whole workflow on real model adapters: the OpenAI SDK talks to a scripted OpenAI-compatible server, whose
/// answers follow the prompt schemas (src/Memory.Core/Llm/Prompts). Per operation the model is asked, in order: extract,
/// reconcile (only for facts with neighbours), summarise the profile (and the session, when one is named).
/// </summary>
public sealed class ModelIngestionTests(ModelIngestionFixture fixture) : IClassFixture<ModelIngestionFixture>
{
    private const string OsloAndContoso = """
        {"facts":[
          {"text":"Lives in Oslo","kind":"fact","source":"user","confidence":1,"importance":0.7,"slot":"home city","isRetraction":false,"validFrom":null,"messages":[1]},
          {"text":"Works at Contoso","kind":"fact","source":"user","confidence":1,"importance":0.8,"slot":"employer","isRetraction":false,"validFrom":null,"messages":[1]}
        ]}
        """;

    private const string Bergen = """
        {"facts":[
          {"text":"Lives in Bergen since 2026-06-20","kind":"fact","source":"user","confidence":1,"importance":0.7,"slot":"home city","isRetraction":false,"validFrom":"2026-06-20","messages":[1]}
        ]}
        """;

    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task SubmitMessages_ScriptedModel_AppliesTheModelsDecisionsAndRecordsUsage()
    {
        var models = fixture.Models;
        models.Reset();
        var user = Api.NewUser();
        models.EnqueueChat(OsloAndContoso, """{"summary":"Lives in Oslo. Works at Contoso."}""");

        var first = await _client.IngestAsync(user, Conversation.Body(fixture.Clock.GetUtcNow().AddHours(-2), "I live in Oslo and work at Contoso."));

        var adds = first.Decisions("add");
        Assert.Equal(["Lives in Oslo", "Works at Contoso"], adds.Select(d => (string?)d["fact"]));
        Assert.True((long)first["usage"]!["inputTokens"]! > 0, first.ToJsonString());
        Assert.True((long)first["usage"]!["outputTokens"]! > 0, first.ToJsonString());
        var oslo = (string)adds[0]["memoryId"]!;

        models.EnqueueChat(
            Bergen,
            """{"decisions":[{"fact":1,"action":"SUPERSEDE","target":1,"text":null,"reason":"Moved from Oslo to Bergen."}]}""",
            """{"summary":"Lives in Bergen since 2026-06-20. Works at Contoso."}""");
        var second = await _client.IngestAsync(user, Conversation.Body(fixture.Clock.GetUtcNow().AddHours(-1), "I moved to Bergen on June 20."));

        var supersede = Assert.Single(second.Decisions("supersede"));
        Assert.Equal(oslo, (string?)supersede["supersededMemoryId"]);
        Assert.Equal("Moved from Oslo to Bergen.", (string?)supersede["reason"]);
        var texts = await _client.SearchTextsAsync(user, """{"query":"where does the user live","kinds":["fact"]}""");
        Assert.Contains("Lives in Bergen since 2026-06-20", texts);
        Assert.Contains("Works at Contoso", texts);
        Assert.DoesNotContain("Lives in Oslo", texts);
        Assert.Equal(5, models.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)));
        Assert.Contains(models.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
        Assert.All(models.Requests, r => Assert.Equal($"Bearer {ModelIngestionFixture.ApiKey}", r.Authorization));
    }

    [Fact]
    public async Task SubmitMessages_ModelRefusesTheKey_FailsOnceNamingTheSetting()
    {
        var models = fixture.Models;
        models.Reset();
        models.EnqueueFault(401);
        var user = Api.NewUser();

        var (_, location) = await _client.SubmitAsync(user, Conversation.Body(fixture.Clock.GetUtcNow().AddHours(-1), "I live in Oslo."));
        var operation = await _client.WaitForOperationAsync(location);

        Assert.Equal("failed", (string?)operation["status"]);
        var error = operation["error"]!;
        Assert.Equal("urn:memoryfunctions:problem:ingestion-step-failed", (string?)error["type"]);
        var detail = (string)error["detail"]!;
        Assert.Contains("Ingestion_ExtractFacts", detail, StringComparison.Ordinal);
        Assert.Contains("Memory:OpenAI:ApiKey", detail, StringComparison.Ordinal);
        Assert.Single(models.Requests);
        Assert.Empty(await _client.ListMemoriesAsync(user));
    }
}
