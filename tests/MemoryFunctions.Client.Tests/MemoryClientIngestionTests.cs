using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client.Tests;

/// <summary>Submitting turns and waiting for the operation, against the real server and its in-process workflow runner.</summary>
public sealed class MemoryClientIngestionTests(InProcessMemoryServerFixture fixture) : IClassFixture<InProcessMemoryServerFixture>
{
    private static readonly OperationPolling Patient = new() { FirstDelay = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(90) };

    private readonly MemoryClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task WaitForOperationAsync_SubmittedTurns_ReturnsTheDecisionsAndTheMemoriesExist()
    {
        var user = "u-" + Guid.NewGuid().ToString("N")[..12];
        var submitted = await _client.SubmitMessagesAsync(user, new MessageBatch([new("user", "I live in Oslo and I work at Contoso.")]) { SessionId = "s1" });

        var outcome = await _client.WaitForOperationAsync(user, submitted.Id, Patient);

        Assert.True(outcome.Succeeded, outcome.Operation.Error?.Detail);
        Assert.Contains(outcome.Decisions, d => d.Action == "add" && d.MemoryId is not null);
        Assert.All(outcome.Polls, poll => Assert.Equal(OperationPollReason.BackOff, poll.Reason));
        var stored = await _client.ListMemoriesAsync(user).Select(m => m.Id).ToListAsync();
        Assert.All(outcome.Decisions.Where(d => d.Action == "add"), d => Assert.Contains(d.MemoryId!, stored));
    }

    [Fact]
    public async Task ListOperationsAsync_ThreeSubmissions_NewestFirstAcrossPagesAndFilteredByStatus()
    {
        var user = "u-" + Guid.NewGuid().ToString("N")[..12];
        var submitted = new List<string>();
        foreach (var text in new[] { "I live in Oslo.", "I work at Contoso.", "I like tea." })
        {
            submitted.Add((await _client.SubmitMessagesAsync(user, new MessageBatch([new("user", text)]))).Id);
        }

        foreach (var id in submitted)
        {
            await _client.WaitForOperationAsync(user, id, Patient);
        }

        var all = await _client.ListOperationsAsync(user).Select(o => o.Id).ToListAsync();
        var unfinished = await _client.ListOperationsAsync(user, ["queued", "running"]).ToListAsync();

        Assert.Equal(submitted.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Empty(unfinished);
    }

    [Fact]
    public async Task SubmitMessagesAsync_SameIdempotencyKey_ReturnsTheFirstOperation()
    {
        var user = "u-" + Guid.NewGuid().ToString("N")[..12];
        var batch = new MessageBatch([new("user", "My favourite colour is green.")]);

        var first = await _client.SubmitMessagesAsync(user, batch, idempotencyKey: "turn-1");
        var again = await _client.SubmitMessagesAsync(user, batch, idempotencyKey: "turn-1");

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("turn-1", again.IdempotencyKey);
    }

    [Fact]
    public async Task GetOperationAsync_AnotherUsersOperation_NotFound()
    {
        var owner = "u-" + Guid.NewGuid().ToString("N")[..12];
        var submitted = await _client.SubmitMessagesAsync(owner, new MessageBatch([new("user", "I have a dog named Rex.")]));

        await Assert.ThrowsAsync<MemoryNotFoundException>(() => _client.GetOperationAsync("someone-else", submitted.Id));
    }
}
