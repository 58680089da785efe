using System.Net;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests;

/// <summary>The server as <c>dotnet run</c> starts it: the local model embeds, so a question finds a fact it shares no word with.</summary>
public sealed class SemanticSearchTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "memory-semantic-tests-" + Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> _factory;

    public SemanticSearchTests()
    {
        // The model loads while the test writes; on a busy test machine that can take longer than a caller's default wait.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Memory:Local:DataDirectory", _dataDirectory)
            .UseSetting("Memory:Embeddings:MiniLM:ModelLoadWaitSeconds", "300"));
    }

    [Fact]
    public async Task Search_DefaultEmbedder_FindsAParaphraseAndRecordsTheModel()
    {
        using var client = _factory.CreateClient();
        var user = Api.NewUser();
        var job = (string)(await client.CreateMemoryAsync(user, """{"text":"Works as a nurse at St. Mary's hospital"}"""))["id"]!;
        foreach (var distractor in new[] { "Lives in a small flat in Oslo", "Has a dog called Rex", "Prefers green tea in the morning", "Plays the cello on Sundays" })
        {
            await client.CreateMemoryAsync(user, $$"""{"text":"{{distractor}}"}""");
        }

        using var response = await client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"what is the user's job?","topK":1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(job, (string?)(await response.ReadJsonAsync())["results"]![0]!["memory"]!["id"]);
        Assert.Contains(MiniLMEmbeddingGenerator.ModelId, await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "embedding-model.json")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
