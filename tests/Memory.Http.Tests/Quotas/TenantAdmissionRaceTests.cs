using FsCheck;
using FsCheck.Fluent;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;
using Microsoft.FSharp.Core;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>
/// Check and admission are one step (issue 25, the quota count race): concurrent submissions cannot pass a cap together,
/// whether the store counts exactly at the call (the embedded store) or hands back a count taken earlier (Cosmos DB's
/// reused count). Before, each check read the store's count and nothing held the admitted-but-not-yet-written writes, so N
/// concurrent submissions at a cap of c all passed.
/// </summary>
public sealed class TenantAdmissionRaceTests
{
    private const string Tenant = "t";
    private static readonly TenantQuota Quota = new() { MaxUsers = 3, MaxMemories = 4, MaxQueuedOperations = 2 };

    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(400)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261207, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    [Fact]
    public async Task AdmitAsync_TenConcurrentSubmissionsAtAQueueQuotaOfThree_NeverMoreThanThreeQueued()
    {
        var store = new CountingStore(new FakeTimeProvider(DateTimeOffset.UnixEpoch), reused: false) { YieldOnCount = true };
        var admission = Admission(store, new TenantQuota { MaxQueuedOperations = 3 });

        var refused = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var admitted = await admission.AdmitAsync(new MemoryPartition(Tenant, $"u{i}"), AdmittedWrite.Operation);
            if (admitted.Refusal is null)
            {
                await Task.Yield();
                store.Commit(new MemoryPartition(Tenant, $"u{i}"), AdmittedWrite.Operation);
                admitted.Commit();
            }

            return admitted.Refusal is not null;
        }));

        // Never past the cap. Not necessarily exactly at it: a write that finishes while another check's count runs may be
        // in that count and is kept as pending too (counted twice rather than missed, which let a fourth in).
        Assert.InRange(store.Unfinished, 1L, 3L);
        Assert.Equal(10 - store.Unfinished, refused.Count(r => r));
    }

    /// <summary>
    /// Random schedules of admissions, writes that land (committed), writes that fail (released), operations that end and
    /// (for a reused count) recounts: after every step what the tenant holds or has been admitted to write stays within every
    /// cap; on a store that counts exactly, a refusal comes only when a cap is really reached; and on either store a final
    /// refusal (403, no Retry-After) only when what the tenant really holds reaches the cap: a failed write is never counted
    /// (before, it counted as pending until the next count, and a reused count turned that into a 403 for up to 5 s).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AdmitAsync_AnySchedule_NeverPastACapAndExactOnAnExactStore(bool reusedCount)
    {
        var steps = Gen.ListOf(Gen.OneOf(
            from user in Gen.Choose(0, 4)
            from write in Gen.Elements(AdmittedWrite.Memory, AdmittedWrite.Operation)
            select new Step(StepKind.Admit, user, write),
            Gen.Choose(0, 9).Select(i => new Step(StepKind.Land, i, AdmittedWrite.None)),
            Gen.Choose(0, 9).Select(i => new Step(StepKind.Fail, i, AdmittedWrite.None)),
            Gen.Constant(new Step(StepKind.EndOperation, 0, AdmittedWrite.None)),
            Gen.Choose(0, 3).Select(seconds => new Step(StepKind.Recount, seconds, AdmittedWrite.None))));
        Prop.ForAll(Arb.From(steps), schedule => Holds(schedule, reusedCount)).Check(Config);
    }

    private static bool Holds(IEnumerable<Step> schedule, bool reusedCount)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var store = new CountingStore(clock, reusedCount);
        var admission = Admission(store, Quota);
        var admitted = new List<(MemoryPartition Partition, AdmittedWrite Write, Admission Admission, bool NewUser)>();
        foreach (var step in schedule)
        {
            // Every step at its own instant: what a reused count holds is decided by time, and real writes never share one.
            clock.Advance(TimeSpan.FromMilliseconds(1));
            switch (step.Kind)
            {
                case StepKind.Admit:
                    var partition = new MemoryPartition(Tenant, $"u{step.Number}");
                    var answer = admission.AdmitAsync(partition, step.Write).AsTask().GetAwaiter().GetResult();
                    if (answer.Refusal is null)
                    {
                        admitted.Add((partition, step.Write, answer, !store.Users.Contains(partition.UserId)));
                    }
                    else if ((!reusedCount && !AtACap(store, admitted, partition.UserId, step.Write)) || (answer.Refusal.RetryAfterSeconds is null && !HeldAtACap(store, partition.UserId, answer.Refusal.Limit)))
                    {
                        return false;
                    }

                    break;
                case StepKind.Land or StepKind.Fail when admitted.Count > 0:
                    var entry = admitted[step.Number % admitted.Count];
                    admitted.Remove(entry);
                    var (landed, write, reservation, _) = entry;
                    if (step.Kind == StepKind.Land)
                    {
                        store.Commit(landed, write);
                        reservation.Commit();
                    }

                    reservation.Dispose();
                    break;
                case StepKind.EndOperation:
                    store.EndOperation();
                    break;
                case StepKind.Recount:
                    clock.Advance(TimeSpan.FromSeconds(step.Number));
                    store.Recount();
                    break;
            }

            var now = Holding(store, admitted);
            if (now.Users.Count > Quota.MaxUsers || now.Memories > Quota.MaxMemories || now.Operations > Quota.MaxQueuedOperations)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the tenant holds plus what it was admitted to write and has not written yet.</summary>
    private static (HashSet<string> Users, long Memories, long Operations) Holding(CountingStore store, List<(MemoryPartition Partition, AdmittedWrite Write, Admission Admission, bool NewUser)> admitted) =>
        (store.Users.Concat(admitted.Select(entry => entry.Partition.UserId)).ToHashSet(StringComparer.Ordinal),
            store.Memories + admitted.Count(entry => entry.Write == AdmittedWrite.Memory),
            store.Unfinished + admitted.Count(entry => entry.Write == AdmittedWrite.Operation));

    /// <summary>
    /// Whether a cap is reached, counting as the quotas do: the store's users plus the users that were new when a write still
    /// running was admitted. That is conservative by design when two writes of one new user overlap and one lands first: the
    /// user is then both the store's and pending until the other is done (the store reports counts, not which users).
    /// </summary>
    private static bool AtACap(CountingStore store, List<(MemoryPartition Partition, AdmittedWrite Write, Admission Admission, bool NewUser)> admitted, string userId, AdmittedWrite write)
    {
        var pendingUsers = admitted.Where(entry => entry.NewUser).Select(entry => entry.Partition.UserId).ToHashSet(StringComparer.Ordinal);
        var users = store.Users.Count + pendingUsers.Count;
        var inUse = store.Users.Contains(userId) || pendingUsers.Contains(userId);
        var (_, memories, operations) = Holding(store, admitted);
        return (!inUse && users >= Quota.MaxUsers)
            || memories >= Quota.MaxMemories
            || (write == AdmittedWrite.Operation && operations >= Quota.MaxQueuedOperations);
    }

    /// <summary>Whether what the store really holds (written, nothing running) reaches the final quota <paramref name="limit"/>.</summary>
    private static bool HeldAtACap(CountingStore store, string userId, string limit) => limit switch
    {
        "users" => !store.Users.Contains(userId) && store.Users.Count >= Quota.MaxUsers,
        "memories" => store.Memories >= Quota.MaxMemories,
        _ => false,
    };

    private static TenantAdmission Admission(CountingStore store, TenantQuota quota)
    {
        var options = new TenantQuotaOptions();
        options.Tenants[Tenant] = quota;
        return new TenantAdmission(Options.Create(options), store, store.Clock);
    }

    private enum StepKind
    {
        Admit,
        Land,
        Fail,
        EndOperation,
        Recount,
    }

    private sealed record Step(StepKind Kind, int Number, AdmittedWrite Write);

    /// <summary>
    /// One tenant's holdings as a store keeps them. Exact: counted at the call. Reused: counts as of the last
    /// <see cref="Recount"/> (with its time, as Cosmos DB's reused count), whether a partition is in use read at the call.
    /// </summary>
    private sealed class CountingStore(FakeTimeProvider clock, bool reused) : ITenantUsage
    {
        private TenantUsage _counted = new(0, 0, 0, false, clock.GetUtcNow());

        public FakeTimeProvider Clock { get; } = clock;

        public bool YieldOnCount { get; init; }

        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

        public long Memories { get; private set; }

        public long Unfinished { get; private set; }

        public void Commit(MemoryPartition partition, AdmittedWrite write)
        {
            Users.Add(partition.UserId);
            Memories += write == AdmittedWrite.Memory ? 1 : 0;
            Unfinished += write == AdmittedWrite.Operation ? 1 : 0;
        }

        public void EndOperation() => Unfinished = Math.Max(0, Unfinished - 1);

        public void Recount() => _counted = new(Users.Count, Memories, Unfinished, false, Clock.GetUtcNow());

        public async ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
        {
            // Read at the call, answered after a yield: concurrent checks that are not serialised all read the same count.
            var usage = reused ? _counted with { PartitionInUse = Users.Contains(partition.UserId) } : new TenantUsage(Users.Count, Memories, Unfinished, Users.Contains(partition.UserId));
            if (YieldOnCount)
            {
                await Task.Yield();
            }

            return usage;
        }
    }
}
