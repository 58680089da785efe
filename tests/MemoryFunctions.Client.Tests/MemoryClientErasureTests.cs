using MemoryFunctions.Client.Models;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Client;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Client.Tests;

/// <summary>
/// Both answers of DELETE /users/{userId} through the client: 200 from the embedded store (the other route tests), and here
/// 202 from a store that deletes in the background as Cosmos DB does, polled to its end by the client's helper.
/// </summary>
public sealed class MemoryClientErasureTests : IDisposable
{
    private readonly InMemoryMemoryStore _store = new() { DeferErase = true, EraseChunkSize = 3 };
    private readonly InProcessMemoryServer _server;
    private readonly MemoryClient _client;

    public MemoryClientErasureTests()
    {
        _server = new InProcessMemoryServer(services: services =>
        {
            services.AddSingleton<IMemoryStore>(_store);
            services.AddSingleton<IOperationStore>(_store.Operations);
        });
        _client = _server.CreateClient(options => options.Polling = new OperationPolling { FirstDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public async Task EraseUserAsync_ServerAnswers202_PollsTheEraseOperationToItsEndAndReturnsItsCounts()
    {
        var user = "erase-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 4; i++)
        {
            await _client.CreateMemoryAsync(user, new NewMemory($"Fact number {i} about the user"));
        }

        var erasure = await _client.EraseUserAsync(user);

        Assert.Equal(new UserErasure(4, 0), erasure);
        Assert.Empty(await _client.ListMemoriesAsync(user).ToListAsync());
        Assert.Equal(0, _store.StoredRecordCount);
    }

    [Fact]
    public async Task BeginEraseUserAsync_ServerAnswers202_TheOperationAndNothingReadableBeforeItEnds()
    {
        var user = "erase-" + Guid.NewGuid().ToString("N")[..8];
        var memory = await _client.CreateMemoryAsync(user, new NewMemory("Lives in Oslo"));
        _store.OnContinueErase = () => Thread.Sleep(200);

        var start = await _client.BeginEraseUserAsync(user);

        Assert.Null(start.Erased);
        Assert.Equal("erase", start.Operation!.Kind);
        await Assert.ThrowsAsync<MemoryNotFoundException>(() => _client.GetMemoryAsync(user, memory.Id));
        var outcome = await _client.WaitForOperationAsync(user, start.Operation.Id);
        Assert.Equal(("succeeded", 1), (outcome.Operation.Status, outcome.Operation.Erasure!.MemoriesErased));
    }

    public void Dispose() => _server.Dispose();
}
