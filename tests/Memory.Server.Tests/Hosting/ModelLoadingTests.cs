using System.Net;
using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Local;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>
/// Recovery in seconds: the server serves while its embedding model is still loading. A request that needs an
/// embedding gets 503 with Retry-After naming why (or, within its bounded wait, its answer once the model is there);
/// reads that need none are served meanwhile. The model's load is a task the test completes, so nothing is timed.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class ModelLoadingTests(MemoryServerFixture fixture)
{
    [Fact]
    public async Task Requests_WhileTheModelLoads_ReadsServedAndEmbeddingsAnswered503WithRetryAfter()
    {
        var user = Api.NewUser();
        var known = await fixture.CreateClient().CreateMemoryAsync(user, """{"text":"Keeps bees on the roof"}""");
        var model = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = ServerLoading(model.Task, TimeSpan.Zero).CreateClient();

        using var health = await client.GetAsync("/api/health");
        using var list = await client.GetAsync($"/api/users/{user}/memories");
        using var get = await client.GetAsync($"/api/users/{user}/memories/{(string)known["id"]!}");
        using var search = await client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"bees"}"""));
        using var write = await client.PostAsync($"/api/users/{user}/memories", Api.Json("""{"text":"Owns a red kayak"}"""));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Keeps bees on the roof", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        foreach (var refused in new[] { search, write })
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "embedder-unavailable");
            Assert.Contains("still loading", (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        model.SetResult(fixture.Embedder);
        using var later = await client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"bees"}"""));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Contains((string)known["id"]!, await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var afterwards = await client.PostAsync($"/api/users/{user}/memories", Api.Json("""{"text":"Owns a red kayak"}"""));
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
    }

    [Fact]
    public async Task Search_ModelLoadsWithinTheWait_WaitsAndIsAnswered()
    {
        var user = Api.NewUser();
        var known = await fixture.CreateClient().CreateMemoryAsync(user, """{"text":"Speaks Icelandic at home"}""");
        var model = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = ServerLoading(model.Task, TimeSpan.FromMinutes(5)).CreateClient();

        var search = client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"Icelandic"}"""));
        await Task.Delay(100);
        Assert.False(search.IsCompleted);
        model.SetResult(fixture.Embedder);
        using var answer = await search;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains((string)known["id"]!, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> ServerLoading(Task<IEmbeddingGenerator<string, Embedding<float>>> model, TimeSpan wait) =>
        fixture.CreateFactory(replace: services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            new LoadingEmbeddingGenerator(model, new EmbeddingGeneratorMetadata("test", defaultModelId: HashingEmbedder.ModelId, defaultModelDimensions: fixture.Embedder.Dimensions), wait)));
}
