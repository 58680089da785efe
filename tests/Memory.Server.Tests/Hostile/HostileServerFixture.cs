using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// A server with a store of its own (nothing else writes to it, so any growth of its log is the corpus's doing), seeded
/// with one user: two memories, a cursor and a finished ingestion operation. Open, as `dotnet run` is; a subclass runs
/// it behind credentials (<see cref="ScopedHostileServerFixture"/>).
/// </summary>
public class HostileServerFixture : IAsyncLifetime
{
    private long _auditedExportBytes;

    public MemoryServerFixture Server { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string User { get; } = "victim-" + Guid.NewGuid().ToString("N")[..8];

    public string MemoryId { get; private set; } = string.Empty;

    public string OperationId { get; private set; } = string.Empty;

    public string Cursor { get; private set; } = string.Empty;

    /// <summary>Authentication settings of the server, and the key its client sends with every request.</summary>
    protected virtual (IReadOnlyDictionary<string, string?> Settings, string Key)? Credentials => null;

    public async Task InitializeAsync()
    {
        Client = Credentials is { } credentials ? Server.CreateFactory(credentials.Settings).CreateClient() : Server.CreateClient();
        if (Credentials is { } sent)
        {
            Client.DefaultRequestHeaders.Add("x-functions-key", sent.Key);
        }

        Client.Timeout = TimeSpan.FromSeconds(20);
        MemoryId = (string)(await Client.CreateMemoryAsync(User, """{"text":"The victim prefers green tea","tags":["drinks"],"metadata":{"k":"v"}}"""))["id"]!;
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Client.CreateMemoryAsync(User, """{"text":"The victim lives in Lisbon","sessionId":"s1"}""");
        using var page = await Client.GetAsync($"/api/users/{User}/memories?pageSize=1");
        Cursor = Uri.EscapeDataString((string)(await page.ReadJsonAsync())["nextCursor"]!);

        using var submitted = await Client.PostAsync($"/api/users/{User}/messages", Api.Json("""{"messages":[{"role":"user","content":"I like jasmine tea."}]}"""));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        OperationId = (string)(await submitted.ReadJsonAsync())["id"]!;
        for (var attempt = 0; attempt < 400 && !await IsFinishedAsync(); attempt++)
        {
            await Task.Delay(25);
        }
    }

    public string Expand(string url) =>
        url.Replace("{user}", User, StringComparison.Ordinal).Replace("{id}", MemoryId, StringComparison.Ordinal)
            .Replace("{op}", OperationId, StringComparison.Ordinal).Replace("{cursor}", Cursor, StringComparison.Ordinal);

    /// <summary>
    /// Everything the seeded user has (export without its timestamp, and the list), plus the store's log length less what
    /// the snapshots' own exports wrote: an export is an admin action and leaves its audit record in the log.
    /// </summary>
    public async Task<(string Export, string List, long LogBytes)> SnapshotAsync()
    {
        var beforeExport = Server.Engine.LogBytes;
        var export = JsonNode.Parse(await Client.GetStringAsync($"/api/users/{User}/export"))!.AsObject();
        _auditedExportBytes += Server.Engine.LogBytes - beforeExport;
        export.Remove("exportedAt");
        var list = await Client.GetStringAsync($"/api/users/{User}/memories?includeSuperseded=true&pageSize=200");
        return (export.ToJsonString(), list, Server.Engine.LogBytes - _auditedExportBytes);
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }

    private async Task<bool> IsFinishedAsync()
    {
        var operation = JsonNode.Parse(await Client.GetStringAsync($"/api/users/{User}/operations/{OperationId}"))!;
        return (string?)operation["status"] is "succeeded" or "failed";
    }
}
