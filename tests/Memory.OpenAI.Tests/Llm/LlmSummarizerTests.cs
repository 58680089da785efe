using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests.Llm;

public sealed class LlmSummarizerTests : IClassFixture<ModelServerFixture>, IDisposable
{
    private readonly ScriptedModelServer _server;
    private readonly ServiceProvider _services;

    public LlmSummarizerTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
        _services = TestModels.Build(TestModels.Settings(_server));
    }

    private ISummarizer Summarizer => _services.GetRequiredService<ISummarizer>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task SummarizeAsync_PreviousSummaryAndNewContent_SendsBothAndReturnsTheAnswer()
    {
        _server.EnqueueChat("""{"summary":"Planning a move to Oslo; booked movers for 2026-11-20."}""");

        var result = await Summarizer.SummarizeAsync(new SummaryRequest(
            SummarySubject.Session, "Planning a move to Oslo.", ["user: I booked movers for the 20th."], MaxTokens: 200));

        Assert.Equal("Planning a move to Oslo; booked movers for 2026-11-20.", result.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Contains("Previous summary:\nPlanning a move to Oslo.", request.MessageContents[1], StringComparison.Ordinal);
        Assert.Contains("- user: I booked movers for the 20th.", request.MessageContents[1], StringComparison.Ordinal);
        Assert.Contains("at most 200 tokens", request.MessageContents[1], StringComparison.Ordinal);
        Assert.Equal(264, request.Body.GetProperty("max_completion_tokens").GetInt32());
        Assert.True(result.Usage.InputTokens > 0 && result.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task SummarizeAsync_AnswerOverBudget_IsCutToMaxTokens()
    {
        var longSummary = string.Join(' ', Enumerable.Repeat("Likes hiking in the mountains.", 40));
        _server.EnqueueChat($$"""{"summary":"{{longSummary}}"}""");

        var result = await Summarizer.SummarizeAsync(new SummaryRequest(SummarySubject.Profile, null, ["Likes hiking"], MaxTokens: 50));

        Assert.True(TokenEstimator.Estimate(result.Text) <= 50);
        Assert.EndsWith(".", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_NothingNew_ReturnsPreviousWithoutCallingTheModel()
    {
        var result = await Summarizer.SummarizeAsync(new SummaryRequest(SummarySubject.Profile, "Lives in Oslo.", [], MaxTokens: 50));

        Assert.Equal("Lives in Oslo.", result.Text);
        Assert.Empty(_server.Requests);
    }
}
