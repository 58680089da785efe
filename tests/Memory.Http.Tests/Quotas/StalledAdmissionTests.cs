using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Quotas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>
/// Stalled admissions (issue 25 review): a tenant's count that does not answer (a throttled Cosmos DB retries for up to
/// 30 s inside the SDK) held that tenant's admission gate with no bound, so every write of it hung behind the count. Now a
/// write waits at most <see cref="TenantQuotaOptions.AdmissionWait"/>, then gets a retryable refusal naming the cause; the
/// count goes on alone (one at a time, not one per request) and gives the turn back when it ends; other tenants never wait.
/// The wait is real time but tiny: what is asserted is the outcome, which does not depend on the machine's speed (the
/// stalled count never answers until released, the other tenant's count answers at once).
/// </summary>
public sealed class StalledAdmissionTests
{
    private static readonly MemoryPartition Slow = new("slow", "ann");
    private static readonly MemoryPartition Other = new("other", "bob");

    [Fact]
    public async Task AdmitAsync_CountThatDoesNotAnswer_RetryableRefusalAfterTheWait_OtherTenantAdmittedAtOnce()
    {
        var usage = new StallingUsage();
        var admission = Admission(usage);

        var stalled = admission.AdmitAsync(Slow, AdmittedWrite.Memory).AsTask();
        var other = admission.AdmitAsync(Other, AdmittedWrite.Memory).AsTask();

        Assert.True(other.IsCompletedSuccessfully, "another tenant's admission waited on the stalled count");
        Assert.Null((await other).Refusal);
        var refusal = (await stalled).Refusal;
        Assert.NotNull(refusal);
        Assert.True(refusal.Stalled);
        Assert.Equal(TenantAdmission.StalledRetryAfterSeconds, refusal.RetryAfterSeconds);
        Assert.Contains("has not answered", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdmitAsync_WhileACountStillRuns_NextWriteRefusedWithoutASecondCount_ThenTheTurnComesBack()
    {
        var usage = new StallingUsage();
        var admission = Admission(usage);
        Assert.True((await admission.AdmitAsync(Slow, AdmittedWrite.Memory)).Refusal?.Stalled);

        var behind = await admission.AdmitAsync(Slow with { UserId = "cy" }, AdmittedWrite.Operation);

        Assert.True(behind.Refusal?.Stalled);
        Assert.Contains("still waiting for the store's count", behind.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(1, usage.AskedFor(Slow.TenantId));

        // The ended count gives the turn back on a pool thread, which a loaded machine may run late: a few tries.
        usage.Answer();
        Admission after;
        for (var tries = 1; (after = await admission.AdmitAsync(Slow, AdmittedWrite.Memory)).Refusal?.Stalled == true && tries < 20; tries++)
        {
        }

        Assert.Null(after.Refusal);
        after.Dispose();
    }

    [Fact]
    public async Task AdmitAsync_CountFailsWithAStoreError_ErrorIsTheAnswerAndTheNextWriteIsCountedAgain()
    {
        var usage = new FailingOnceUsage();
        var options = new TenantQuotaOptions { Default = new TenantQuota { MaxMemories = 100 }, AdmissionWait = TimeSpan.FromMinutes(5) };
        var admission = new TenantAdmission(Options.Create(options), usage, TimeProvider.System);

        await Assert.ThrowsAsync<StoreFailureException>(() => admission.AdmitAsync(Slow, AdmittedWrite.Memory).AsTask());
        var next = admission.AdmitAsync(Slow, AdmittedWrite.Memory).AsTask();

        Assert.True(next.IsCompleted, "the failed count kept the tenant's admission gate: the next write waits for AdmissionWait");
        using var admitted = await next;
        Assert.Null(admitted.Refusal);
        Assert.Equal(2, usage.Counts);
    }

    /// <summary>
    /// The host's default quotas (on for every tenant) must not make an ordinary write fail while the store is slow: with no
    /// quota the operator set, a count that does not answer in time admits the write unchecked; one the operator set refuses.
    /// </summary>
    [Fact]
    public async Task AdmitAsync_CountThatDoesNotAnswer_DefaultQuotasOnlyAdmit_AnOperatorsQuotaStillRefuses()
    {
        var defaultsOnly = WithServerDefaults(_ => { });
        var operatorSet = WithServerDefaults(options => options.Tenants[Slow.TenantId] = new TenantQuota { MaxUsers = 5 });

        using var admitted = await new TenantAdmission(defaultsOnly, new StallingUsage(), TimeProvider.System).AdmitAsync(Slow, AdmittedWrite.Memory);
        using var refused = await new TenantAdmission(operatorSet, new StallingUsage(), TimeProvider.System).AdmitAsync(Slow, AdmittedWrite.Memory);

        Assert.Equal(10_000, defaultsOnly.Value.For(Slow.TenantId).MaxUsers);
        Assert.Null(admitted.Refusal);
        Assert.True(refused.Refusal?.Stalled);
    }

    private static IOptions<TenantQuotaOptions> WithServerDefaults(Action<TenantQuotaOptions> configure)
    {
        var services = new ServiceCollection();
        services.Configure<TenantQuotaOptions>(options =>
        {
            options.AdmissionWait = TimeSpan.FromMilliseconds(250);
            configure(options);
        });
        TenantQuotaDefaults.Server.ApplyTo(services);
        return services.BuildServiceProvider().GetRequiredService<IOptions<TenantQuotaOptions>>();
    }

    private static TenantAdmission Admission(StallingUsage usage)
    {
        var options = new TenantQuotaOptions { Default = new TenantQuota { MaxMemories = 100 }, AdmissionWait = TimeSpan.FromMilliseconds(250) };
        return new TenantAdmission(Options.Create(options), usage, TimeProvider.System);
    }

    /// <summary>Tenant "slow"'s counts do not answer until <see cref="Answer"/>; every other tenant's answer at once.</summary>
    private sealed class StallingUsage : ITenantUsage
    {
        private readonly TaskCompletionSource<TenantUsage> _slow = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Dictionary<string, int> _asked = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public int AskedFor(string tenantId)
        {
            lock (_lock)
            {
                return _asked.GetValueOrDefault(tenantId);
            }
        }

        public void Answer() => _slow.SetResult(new TenantUsage(1, 1, 0, true));

        public ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                _asked[partition.TenantId] = _asked.GetValueOrDefault(partition.TenantId) + 1;
            }

            return partition.TenantId == Slow.TenantId ? new(_slow.Task) : ValueTask.FromResult(new TenantUsage(1, 1, 0, true));
        }
    }

    /// <summary>
    /// The first count fails late, as a throttled or unavailable store does once its SDK retries are spent; later ones
    /// answer at once, so an admission that is not held up completes synchronously.
    /// </summary>
    private sealed class FailingOnceUsage : ITenantUsage
    {
        public int Counts { get; private set; }

        public ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
            ++Counts == 1 ? new(FailLateAsync()) : ValueTask.FromResult(new TenantUsage(1, 1, 0, true));

        private static async Task<TenantUsage> FailLateAsync()
        {
            await Task.Yield();
            throw new StoreFailureException(StoreFailureKind.Unavailable, "503 from the store", TimeSpan.FromSeconds(1));
        }
    }
}
