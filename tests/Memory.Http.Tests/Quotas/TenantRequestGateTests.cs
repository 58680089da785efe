using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Tests.Endpoints;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>
/// Issue 25, symptom 12: the per-tenant share of the handler (<see cref="TenantRequestGate"/>), driven step by step on a
/// fake clock: who enters at once, who waits, in which order waiters are let in, and when the share grows back.
/// </summary>
public sealed class TenantRequestGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task EnterAsync_TenantAlone_HasTheWholeLimitThenWaits()
    {
        var gate = Gate();

        var leases = await EnterAllAsync(gate, "a", 4);
        var fifth = gate.EnterAsync("a").AsTask();

        Assert.All(leases, Assert.NotNull);
        Assert.False(fifth.IsCompleted);
        leases[0]!.Dispose();
        Assert.NotNull(await fifth.WaitAsync(Patience));
    }

    [Fact]
    public async Task EnterAsync_AnotherTenantArrivesDuringAFlood_ItEntersAtOnceAndTheFlooderRunsOneAtATime()
    {
        var gate = Gate();
        var flood = await EnterAllAsync(gate, "flood", 4);
        var waiting = Enumerable.Range(0, 3).Select(_ => gate.EnterAsync("flood").AsTask()).ToList();

        using var calm = await gate.EnterAsync("calm");
        Assert.NotNull(calm);

        // The flood's running requests finish; its next ones are let in one at a time while "calm" is active.
        flood.ForEach(lease => lease!.Dispose());
        Assert.NotNull(await waiting[0].WaitAsync(Patience));
        Assert.Equal(1, gate.InFlight("flood"));
        Assert.False(waiting[1].IsCompleted);

        (await waiting[0])!.Dispose();
        Assert.NotNull(await waiting[1].WaitAsync(Patience));
        Assert.False(waiting[2].IsCompleted);
        (await waiting[1])!.Dispose();
        (await waiting[2].WaitAsync(Patience))!.Dispose();
    }

    [Fact]
    public async Task EnterAsync_OtherTenantBetweenBackToBackRequests_TheShareHoldsForTheWindow()
    {
        var gate = Gate();
        var calm = await gate.EnterAsync("calm");
        var flood = await EnterAllAsync(gate, "flood", 1);
        calm!.Dispose();

        // "calm" has nothing in flight, but ended a request within the window: the flood still gets one place.
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var second = gate.EnterAsync("flood").AsTask();
        Assert.False(second.IsCompleted);

        // Past the window "calm" is quiet: at the flood's next end, its waiter and the rest of the limit are its own again.
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        flood[0]!.Dispose();
        Assert.NotNull(await second.WaitAsync(Patience));
        var more = await EnterAllAsync(gate, "flood", 3);
        Assert.All(more, Assert.NotNull);
        Assert.Equal(4, gate.InFlight("flood"));
    }

    [Fact]
    public async Task EnterAsync_WaitersOfATenant_AreLetInFirstComeFirstServed()
    {
        var gate = Gate(concurrent: 1);
        var running = await gate.EnterAsync("a");
        var waiters = Enumerable.Range(0, 5).Select(_ => gate.EnterAsync("a").AsTask()).ToList();

        running!.Dispose();
        for (var i = 0; i < waiters.Count; i++)
        {
            var lease = await waiters[i].WaitAsync(Patience);
            Assert.All(waiters.Skip(i + 1), later => Assert.False(later.IsCompleted));
            lease!.Dispose();
        }
    }

    [Fact]
    public async Task EnterAsync_MoreWaitingThanAllowed_RefusedAtOnce()
    {
        var gate = Gate(concurrent: 1, maxWaiting: 2);
        using var running = await gate.EnterAsync("a");
        var waiters = Enumerable.Range(0, 2).Select(_ => gate.EnterAsync("a").AsTask()).ToList();

        Assert.Null(await gate.EnterAsync("a"));
        Assert.Equal(2, gate.Waiting("a"));
        Assert.NotNull(await gate.EnterAsync("b"));
    }

    [Fact]
    public async Task EnterAsync_WaitPastTheLimit_RefusedAndLeavesTheQueue()
    {
        var gate = Gate(concurrent: 1, wait: TimeSpan.FromMilliseconds(50));
        using var running = await gate.EnterAsync("a");

        Assert.Null(await gate.EnterAsync("a").AsTask().WaitAsync(Patience));
        Assert.Equal(0, gate.Waiting("a"));
        Assert.Equal(1, gate.InFlight("a"));
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_ThrowsAndHoldsNothing()
    {
        var gate = Gate(concurrent: 1);
        var running = await gate.EnterAsync("a");
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync("a", cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        running!.Dispose();

        Assert.Equal(0, gate.InFlight("a"));
        Assert.NotNull(await gate.EnterAsync("a"));
    }

    [Fact]
    public async Task Handlers_TenantsShareTakenAndNoRoomToWait_429ConcurrentRequestsNothingWritten()
    {
        var store = new InMemoryMemoryStore();
        TenantRequestGate? gate = null;
        var services = TestApiServices.Create(store, gate: clock => gate = new TenantRequestGate(
            Options.Create(new TenantQuotaOptions { ConcurrentRequests = 1, MaxWaitingRequests = 0 }), clock));
        using var running = await gate!.EnterAsync("acme");
        var request = HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}""");
        request.Headers["x-tenant-id"] = "acme";

        var refused = await MemoryApi.CreateMemoryAsync(request, "ann", services);
        var otherTenant = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);

        var problem = Assert.IsType<ProblemHttpResult>(refused.Result);
        Assert.Equal((StatusCodes.Status429TooManyRequests, "concurrentRequests"), (problem.StatusCode, problem.ProblemDetails.Extensions["limit"]));
        Assert.Equal("1", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Empty(await store.ExportMemoriesAsync(new MemoryPartition("acme", "ann")).ToListAsync());
        Assert.IsType<Created<MemoryResponse>>(otherTenant.Result);
    }

    [Fact]
    public async Task EnterAsync_ShareGrewBackWhileOneRequestRuns_TheWaiterAndANewRequestEnterWithoutItsEnd()
    {
        // A long request (an export) keeps the tenant's only shared place; once the other tenant's window passes, a new
        // request must not queue behind a waiter that nothing would wake until the long request ends.
        var gate = Gate();
        var calm = await gate.EnterAsync("calm");
        var running = await gate.EnterAsync("a");
        var waiter = gate.EnterAsync("a").AsTask();
        Assert.False(waiter.IsCompleted);
        calm!.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));

        var next = await gate.EnterAsync("a").AsTask().WaitAsync(Patience);

        Assert.NotNull(next);
        Assert.NotNull(await waiter.WaitAsync(Patience));
        Assert.Equal(3, gate.InFlight("a"));
        running!.Dispose();
    }

    private TenantRequestGate Gate(int concurrent = 4, int shared = 1, int maxWaiting = 100, TimeSpan? wait = null) => new(
        Options.Create(new TenantQuotaOptions
        {
            ConcurrentRequests = concurrent,
            SharedConcurrentRequests = shared,
            MaxWaitingRequests = maxWaiting,
            ConcurrencyWait = wait ?? Patience,
            ActiveWindow = TimeSpan.FromSeconds(1),
        }),
        _clock);

    private static async Task<List<IDisposable?>> EnterAllAsync(TenantRequestGate gate, string tenant, int count)
    {
        var leases = new List<IDisposable?>();
        for (var i = 0; i < count; i++)
        {
            leases.Add(await gate.EnterAsync(tenant));
        }

        return leases;
    }
}
