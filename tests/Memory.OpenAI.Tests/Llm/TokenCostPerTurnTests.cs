using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MemoryFunctions.OpenAI.Tests.Llm;

/// <summary>
/// The token cost of ingesting one typical turn (a user message and the agent's reply) with the LLM pipeline: extract,
/// embed the facts, reconcile against three similar memories each, update the session summary. Numbers come from the
/// scripted server's usage fields (prompt = characters sent / 4 incl. the JSON schema; completion = answer characters / 4),
/// i.e. from what our code actually sends, not from a real tokenizer. docs/models.md quotes the printed figures.
/// </summary>
public sealed class TokenCostPerTurnTests(ModelServerFixture fixture, ITestOutputHelper output) : IClassFixture<ModelServerFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task IngestOneTurn_LlmPipeline_ReportsTheTokensTheServerCounted()
    {
        var server = fixture.Server;
        server.Reset();
        var settings = TestModels.Settings(server, embeddingModel: "text-embedding-3-small");
        settings["Memory:OpenAI:EmbeddingDimensions"] = "1536";
        using var services = TestModels.Build(settings);

        server.EnqueueChat(
            """{"facts":[{"text":"Started a new job at Fabrikam on 2026-11-02","kind":"episodic","source":"user","confidence":1,"importance":0.8,"slot":null,"isRetraction":false,"validFrom":"2026-11-02","messages":[1]},{"text":"Works at Fabrikam as a data engineer","kind":"fact","source":"user","confidence":1,"importance":0.9,"slot":"employer","isRetraction":false,"validFrom":"2026-11-02","messages":[1]}]}""",
            """{"decisions":[{"fact":1,"action":"ADD","target":null,"text":null,"reason":"New event."},{"fact":2,"action":"SUPERSEDE","target":1,"text":null,"reason":"New employer replaces Contoso."}]}""",
            """{"summary":"User started as a data engineer at Fabrikam on 2026-11-02 after leaving Contoso; asked for tips for the first week. Agent suggested meeting the team and reading the onboarding docs."}""");

        var extraction = await services.GetRequiredService<IFactExtractor>().ExtractAsync(new IngestionRequest(
        [
            new("m1", MessageRole.User, "Big news: I started my new job at Fabrikam yesterday, I'm a data engineer there now. Any tips for the first week?", At),
            new("m2", MessageRole.Assistant, "Congratulations on the new role! In your first week, set up one-to-ones with your teammates, read the onboarding docs, and ask which data pipelines matter most.", At.AddSeconds(20)),
        ]));
        var embeddings = await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(extraction.Facts.Select(f => f.Text));
        var neighbours = new List<SimilarMemory>
        {
            new(Memory("a", "Works at Contoso as a data analyst"), 0.83),
            new(Memory("b", "Lives in Oslo"), 0.41),
            new(Memory("c", "Prefers Python over Scala"), 0.39),
        };
        var reconciliation = await services.GetRequiredService<IMemoryReconciler>().ReconcileAsync(
            extraction.Facts.Select(f => new FactWithNeighbours(f, neighbours)).ToList());
        var summary = await services.GetRequiredService<ISummarizer>().SummarizeAsync(new SummaryRequest(
            SummarySubject.Session,
            "User is changing jobs from Contoso to Fabrikam and asked about notice periods.",
            ["user: Big news: I started my new job at Fabrikam yesterday, I'm a data engineer there now. Any tips for the first week?",
             "assistant: Congratulations on the new role! In your first week, set up one-to-ones with your teammates, read the onboarding docs, and ask which data pipelines matter most."],
            MaxTokens: 256));

        var chatRequests = server.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, chatRequests.Count);
        var total = extraction.Usage + reconciliation.Usage + summary.Usage;
        var expectedInput = chatRequests.Sum(r => (long)ScriptedModelServer.EstimateTokens(
            r.MessageContents.Sum(c => c.Length) + r.Body.GetProperty("response_format").GetRawText().Length));
        Assert.Equal(expectedInput, total.InputTokens);
        Assert.Equal(2, reconciliation.Decisions.Count);
        Assert.Equal("a", reconciliation.Decisions[1].TargetMemoryId);

        Report("extract", extraction.Usage);
        Report("reconcile", reconciliation.Usage);
        Report("summarize", summary.Usage);
        Report("chat total", total);
        output.WriteLine($"embeddings: {embeddings.Usage!.InputTokenCount} input tokens for {embeddings.Count} facts");
    }

    private void Report(string step, TokenUsage usage) =>
        output.WriteLine($"{step}: {usage.InputTokens} input + {usage.OutputTokens} output = {usage.TotalTokens} tokens");

    private static MemoryRecord Memory(string id, string text) => new()
    {
        Id = id,
        TenantId = "t",
        UserId = "u",
        Text = text,
        ContentHash = id,
        ValidFrom = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
