using MemoryFunctions.Generated;
using MemoryFunctions.Generated.Models;
using MemoryFunctions.Testing.Server;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace MemoryFunctions.GeneratedClient.Tests;

/// <summary>
/// The README walk-through, made by a client Kiota generated from docs/openapi.json at build time, against the real
/// server (a child process on a free port, hashing embedder): if the document misses a body, a header, a parameter or
/// an enum, this either does not compile or fails here.
/// </summary>
public sealed class GeneratedClientWalkthroughTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "memory-generated-" + Guid.NewGuid().ToString("N"));
    private ServerProcess? _server;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(
            ServerBinary.Locate(typeof(GeneratedClientWalkthroughTests).Assembly), _data, LoopbackPort.Next(), TimeSpan.FromSeconds(120),
            new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "Hashing" });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task ReadmeWalkthrough_ThroughTheGeneratedClient()
    {
        using var http = new HttpClient();
        var client = new MemoryApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = _server!.BaseAddress.ToString().TrimEnd('/'),
        });
        var alice = client.Api.Users["alice"];

        var written = await alice.Memories.PostAsync(new CreateMemoryRequest { Text = "Prefers Python over JavaScript", Kind = MemoryKind.Preference, Tags = ["coding"] });
        Assert.Equal(MemoryKind.Preference, written!.Kind);

        var conversation = new SubmitMessagesRequest
        {
            SessionId = "s1",
            Messages =
            [
                new() { Role = "user", Content = "Hi! I work at Contoso and I live in Oslo.", Timestamp = DateTimeOffset.Parse("2026-11-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture) },
                new() { Role = "assistant", Content = "Nice to meet you!" },
                new() { Role = "user", Content = "Actually I joined Fabrikam last week. Also, I no longer eat meat." },
            ],
        };
        var submitted = await alice.Messages.PostAsync(conversation, request => request.Headers.Add("Idempotency-Key", "conv-42"));
        var operation = await PollAsync(client, submitted!.Id!);
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Contains(operation.Decisions!, decision => decision.Action == MemoryAction.Supersede && decision.Fact!.Contains("Fabrikam", StringComparison.Ordinal));

        var again = await alice.Messages.PostAsync(conversation, request => request.Headers.Add("Idempotency-Key", "conv-42"));
        Assert.Equal(submitted.Id, again!.Id);

        var found = await alice.Search.PostAsync(new SearchMemoriesRequest { Query = "where does the user work?", TopK = 5, Explain = true });
        Assert.Contains(found!.Results!, result => result.Memory!.Text!.Contains("Fabrikam", StringComparison.Ordinal) && result.Explanation is not null);

        var context = await alice.Context.PostAsync(new BuildContextRequest { Query = "plan a dinner for the user", MaxTokens = 500, SessionId = "s1" });
        Assert.InRange(context!.EstimatedTokens!.Value, 1, 500);

        var listed = await alice.Memories.GetAsync(request => request.QueryParameters.Kind = ["preference"]);
        var preference = Assert.Single(listed!.Items!);
        var history = await alice.Memories[preference.Id!].History.GetAsync();
        Assert.NotEmpty(history!.Events!);

        var export = await alice.Export.GetAsync();
        Assert.NotEmpty(export!.Memories!);
        await alice.DeleteAsync();
        Assert.Empty((await alice.Memories.GetAsync())!.Items!);
    }

    private static async Task<OperationResponse> PollAsync(MemoryApiClient client, string id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var operation = await client.Api.Operations[id].GetAsync(request => request.QueryParameters.UserId = "alice");
            if (operation!.Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Cancelled)
            {
                return operation;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Operation {id} did not finish in 60 s.");
    }
}
