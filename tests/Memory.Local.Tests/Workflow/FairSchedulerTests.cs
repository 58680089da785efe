using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// The runner's scheduling rule on a fake clock: a discrete-event simulation of workers that take 10 ms per turn,
/// driven through <see cref="FairScheduler{T}"/> exactly as the runner drives it (issue 25, symptom 5: one tenant's
/// flood left another's one-turn submission queued for 45 s behind one FIFO).
/// </summary>
public sealed class FairSchedulerTests
{
    private static readonly TimeSpan PerTurn = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Dequeue_TenantFloodsThenAnotherSubmitsOneTurn_TheOtherWaitsForOneOperationNotTheFlood()
    {
        // Tenant A's 4 callers have posted 40 batches of 100 turns; every worker may serve A (no spare worker to hide behind).
        var simulation = new Simulation(workers: 2, maxRunningPerTenant: 2);
        for (var i = 0; i < 40; i++)
        {
            simulation.Submit(TimeSpan.Zero, "a", $"caller{i % 4}", $"a{i}", turns: 100);
        }

        simulation.Submit(TimeSpan.FromMilliseconds(1_500), "b", "bob", "b0", turns: 1);
        await simulation.RunAsync();

        // FIFO would start b0 after every A batch queued before it: 38 more batches on 2 workers, about 19 s.
        Assert.True(simulation.Waited["b0"] <= 100 * PerTurn, $"b0 waited {simulation.Waited["b0"]}");
        Assert.Equal(TimeSpan.FromMilliseconds(500), simulation.Waited["b0"]);
    }

    [Fact]
    public async Task Dequeue_TenantAtItsRunningLimit_AnotherTenantStartsAtOnceOnTheSpareWorker()
    {
        var simulation = new Simulation(workers: 4, maxRunningPerTenant: 3);
        for (var i = 0; i < 40; i++)
        {
            simulation.Submit(TimeSpan.Zero, "a", "ann", $"a{i}", turns: 100);
        }

        simulation.Submit(TimeSpan.FromMilliseconds(2_345), "b", "bob", "b0", turns: 1);
        await simulation.RunAsync();

        Assert.Equal(TimeSpan.Zero, simulation.Waited["b0"]);
        Assert.Equal(3, simulation.MostRunning["a"]);
    }

    [Fact]
    public async Task Dequeue_TwoTenantsBothBusy_WorkIsSharedByTurnsNotByOperations()
    {
        // A posts 100-turn batches, B 10-turn ones, both far more than the workers can do: over the first 10 simulated
        // seconds each tenant should get about half the worker time.
        var simulation = new Simulation(workers: 1, maxRunningPerTenant: 1);
        for (var i = 0; i < 20; i++)
        {
            simulation.Submit(TimeSpan.Zero, "a", "ann", $"a{i}", turns: 100);
        }

        for (var i = 0; i < 200; i++)
        {
            simulation.Submit(TimeSpan.Zero, "b", "bob", $"b{i}", turns: 10);
        }

        await simulation.RunAsync(until: TimeSpan.FromSeconds(10));

        var turnsA = simulation.TurnsDone["a"];
        var turnsB = simulation.TurnsDone["b"];
        Assert.InRange(turnsA, 400, 600);
        Assert.InRange(turnsB, 400, 600);
    }

    [Fact]
    public async Task Dequeue_OneUserFloodsATenant_AnotherUserOfThatTenantIsNotStuckBehind()
    {
        var simulation = new Simulation(workers: 1, maxRunningPerTenant: 1);
        for (var i = 0; i < 20; i++)
        {
            simulation.Submit(TimeSpan.Zero, "t", "ann", $"ann{i}", turns: 100);
        }

        simulation.Submit(TimeSpan.FromMilliseconds(100), "t", "bob", "bob0", turns: 1);
        await simulation.RunAsync();

        // Ann's first batch runs until 1 s; Bob's one turn goes next, ahead of her 19 others.
        Assert.Equal(TimeSpan.FromMilliseconds(900), simulation.Waited["bob0"]);
        Assert.Equal(1, simulation.Order.IndexOf("bob0"));
    }

    [Fact]
    public async Task Dequeue_AnIdleTenantReturns_ItBanksNoCreditFromItsIdleTime()
    {
        // B was idle while A worked for 10 s; when B floods, A's next batches still get their turn (B's clock starts at
        // the current virtual time, not at zero), so A is not starved by B's "saved" credit.
        var simulation = new Simulation(workers: 1, maxRunningPerTenant: 1);
        for (var i = 0; i < 30; i++)
        {
            simulation.Submit(TimeSpan.Zero, "a", "ann", $"a{i}", turns: 100);
        }

        for (var i = 0; i < 100; i++)
        {
            simulation.Submit(TimeSpan.FromSeconds(10), "b", "bob", $"b{i}", turns: 100);
        }

        await simulation.RunAsync(until: TimeSpan.FromSeconds(20));

        Assert.InRange(simulation.TurnsDone["a"] - 1_000, 400, 600);
    }

    [Fact]
    public async Task EnqueueAsync_TenantQueueFull_OnlyThatTenantWaits()
    {
        using var scheduler = new FairScheduler<string>(maxRunningPerTenant: 1, maxQueuedPerTenant: 2, new FakeTimeProvider());
        Assert.True(await scheduler.EnqueueAsync("a", "ann", "a0", 1));
        Assert.True(await scheduler.EnqueueAsync("a", "ann", "a1", 1));

        var third = scheduler.EnqueueAsync("a", "ann", "a2", 1);
        Assert.True(await scheduler.EnqueueAsync("b", "bob", "b0", 1));
        Assert.False(third.IsCompleted);
        Assert.True(scheduler.TryDequeue(out var first));
        Assert.True(await third);

        Assert.Equal("a0", first.Item);
        scheduler.Close();
        Assert.False(await scheduler.EnqueueAsync("b", "bob", "b1", 1));
    }

    /// <summary>Workers as events on a fake clock: an operation of n turns occupies its worker for n × 10 ms.</summary>
    private sealed class Simulation(int workers, int maxRunningPerTenant)
    {
        private readonly FakeTimeProvider _clock = new();
        private readonly List<(TimeSpan At, string Tenant, string User, string Id, int Turns)> _arrivals = [];

        public Dictionary<string, TimeSpan> Waited { get; } = [];

        public Dictionary<string, int> TurnsDone { get; } = [];

        public Dictionary<string, int> MostRunning { get; } = [];

        public List<string> Order { get; } = [];

        public void Submit(TimeSpan at, string tenant, string user, string id, int turns) => _arrivals.Add((at, tenant, user, id, turns));

        public async Task RunAsync(TimeSpan? until = null)
        {
            using var scheduler = new FairScheduler<(string Id, int Turns)>(maxRunningPerTenant, maxQueuedPerTenant: 10_000, _clock);
            var start = _clock.GetUtcNow();
            var arrivals = new Queue<(TimeSpan At, string Tenant, string User, string Id, int Turns)>(_arrivals.OrderBy(arrival => arrival.At));
            var running = new List<(FairLease<(string Id, int Turns)> Lease, DateTimeOffset EndsAt)>();
            while (arrivals.Count > 0 || running.Count > 0 || scheduler.Queued > 0)
            {
                var now = _clock.GetUtcNow() - start;
                if (now > (until ?? TimeSpan.MaxValue))
                {
                    return;
                }

                foreach (var done in running.Where(job => job.EndsAt <= _clock.GetUtcNow()).ToList())
                {
                    running.Remove(done);
                    scheduler.Complete(done.Lease);
                    TurnsDone[done.Lease.TenantId] = TurnsDone.GetValueOrDefault(done.Lease.TenantId) + done.Lease.Item.Turns;
                }

                while (arrivals.Count > 0 && arrivals.Peek().At <= now)
                {
                    var arrival = arrivals.Dequeue();
                    Assert.True(await scheduler.EnqueueAsync(arrival.Tenant, arrival.User, (arrival.Id, arrival.Turns), arrival.Turns));
                }

                while (running.Count < workers && scheduler.TryDequeue(out var lease))
                {
                    running.Add((lease, _clock.GetUtcNow() + (lease.Item.Turns * PerTurn)));
                    Waited[lease.Item.Id] = lease.Waited;
                    Order.Add(lease.Item.Id);
                    var tenantRunning = running.Count(job => job.Lease.TenantId == lease.TenantId);
                    MostRunning[lease.TenantId] = Math.Max(MostRunning.GetValueOrDefault(lease.TenantId), tenantRunning);
                }

                var next = new[] { arrivals.Count > 0 ? start + arrivals.Peek().At : DateTimeOffset.MaxValue }
                    .Concat(running.Select(job => job.EndsAt))
                    .Min();
                if (next == DateTimeOffset.MaxValue)
                {
                    return;
                }

                _clock.SetUtcNow(next);
            }
        }
    }
}
