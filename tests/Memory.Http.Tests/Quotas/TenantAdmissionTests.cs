using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>
/// The admission quotas' rule (issue 25, symptoms 5 and 12): which write past which holdings quota is refused, how, and
/// that other tenants and writes that add nothing are not. The usage is given, so every case is exact.
/// </summary>
public sealed class TenantAdmissionTests
{
    private static readonly MemoryPartition Ann = new("small", "ann");

    [Fact]
    public async Task AdmitAsync_QueueFull_SubmissionRefused429WithRetryAfterButAMemoryWriteIsNot()
    {
        var admission = Admission(new TenantQuota { MaxQueuedOperations = 3 }, new TenantUsage(Users: 2, Memories: 10, UnfinishedOperations: 3, PartitionInUse: true));

        var refusal = await RefusalAsync(admission, Ann, AdmittedWrite.Operation);

        Assert.Equal(("queuedOperations", (int?)TenantAdmission.QueueRetryAfterSeconds), (refusal?.Limit, refusal?.RetryAfterSeconds));
        Assert.Contains("MaxQueuedOperations", refusal!.Detail, StringComparison.Ordinal);
        Assert.Null(await RefusalAsync(admission, Ann, AdmittedWrite.Memory));
        Assert.Null(await RefusalAsync(admission, Ann with { TenantId = "other" }, AdmittedWrite.Operation));
    }

    [Fact]
    public async Task AdmitAsync_QueueOneBelowItsQuota_Admitted()
    {
        var admission = Admission(new TenantQuota { MaxQueuedOperations = 3 }, new TenantUsage(2, 10, 2, true));

        Assert.Null(await RefusalAsync(admission, Ann, AdmittedWrite.Operation));
    }

    [Fact]
    public async Task AdmitAsync_UsersAtTheirQuota_ANewUserRefused403AnExistingOneWrites()
    {
        var full = new TenantUsage(Users: 5, Memories: 10, UnfinishedOperations: 0, PartitionInUse: false);
        var admission = Admission(new TenantQuota { MaxUsers = 5 }, full);

        var refusal = await RefusalAsync(admission, Ann, AdmittedWrite.Memory);

        Assert.Equal(("users", (int?)null), (refusal?.Limit, refusal?.RetryAfterSeconds));
        Assert.Contains("MaxUsers", refusal!.Detail, StringComparison.Ordinal);
        Assert.Contains("DELETE /api/users/", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal("users", (await RefusalAsync(admission, Ann, AdmittedWrite.Operation))?.Limit);
        Assert.Null(await RefusalAsync(Admission(new TenantQuota { MaxUsers = 5 }, full with { PartitionInUse = true }), Ann, AdmittedWrite.Memory));
    }

    [Fact]
    public async Task AdmitAsync_MemoriesAtTheirQuota_MemoryWritesAndSubmissionsRefused403UpdatesAndReadsNot()
    {
        var admission = Admission(new TenantQuota { MaxMemories = 10 }, new TenantUsage(2, 10, 0, true));

        Assert.Equal("memories", (await RefusalAsync(admission, Ann, AdmittedWrite.Memory))?.Limit);
        Assert.Equal("memories", (await RefusalAsync(admission, Ann, AdmittedWrite.Operation))?.Limit);
        Assert.Null(await RefusalAsync(admission, Ann, AdmittedWrite.None));
    }

    /// <summary>
    /// A write refused after its admission (a 400 from the handler, the model still loading, a store error) is released at
    /// once. Before, it counted as pending until a count taken after it: on Cosmos DB's reused count, up to 5 s of 403.
    /// </summary>
    [Fact]
    public async Task AdmitAsync_AdmittedWriteReleasedWithoutCommit_HoldsNothingOnAReusedCount()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var admission = Admission(new TenantQuota { MaxMemories = 10 }, new TenantUsage(2, 9, 0, true, clock.GetUtcNow()), clock);

        using (var failed = await admission.AdmitAsync(Ann, AdmittedWrite.Memory))
        {
            Assert.Null(failed.Refusal);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(await RefusalAsync(admission, Ann, AdmittedWrite.Memory));
    }

    [Fact]
    public async Task AdmitAsync_CommittedWriteTheReusedCountMisses_CountsAsHeld403()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var admission = Admission(new TenantQuota { MaxMemories = 10 }, new TenantUsage(2, 9, 0, true, clock.GetUtcNow()), clock);

        using (var landed = await admission.AdmitAsync(Ann, AdmittedWrite.Memory))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            landed.Commit();
        }

        var refusal = await RefusalAsync(admission, Ann, AdmittedWrite.Memory);
        Assert.Equal(("memories", (int?)null), (refusal?.Limit, refusal?.RetryAfterSeconds));
    }

    /// <summary>A cap reached only with writes still running is not final: they may fail, so 429 with a short Retry-After.</summary>
    [Theory]
    [InlineData("memories")]
    [InlineData("users")]
    public async Task AdmitAsync_CapReachedOnlyByWritesStillRunning_429WithRetryAfterNaming(string limit)
    {
        var quota = limit == "users" ? new TenantQuota { MaxUsers = 3 } : new TenantQuota { MaxMemories = 10 };
        var admission = Admission(quota, new TenantUsage(2, 9, 0, false));

        using var running = await admission.AdmitAsync(Ann with { UserId = "new" }, AdmittedWrite.Memory);
        var refusal = await RefusalAsync(admission, Ann, AdmittedWrite.Memory);

        Assert.Null(running.Refusal);
        Assert.Equal((limit, (int?)TenantAdmission.RunningRetryAfterSeconds), (refusal?.Limit, refusal?.RetryAfterSeconds));
        Assert.Contains("1 of those are writes still under way", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdmitAsync_NoHoldingsQuota_NeverAsksTheStore()
    {
        var usage = new GivenUsage(new TenantUsage(int.MaxValue, int.MaxValue, int.MaxValue, false));
        var admission = new TenantAdmission(Options.Create(new TenantQuotaOptions { Default = new TenantQuota { RequestsPerSecond = 5 } }), usage, TimeProvider.System);

        Assert.Null(await RefusalAsync(admission, Ann, AdmittedWrite.Operation));
        Assert.Equal(0, usage.Asked);
    }

    private static TenantAdmission Admission(TenantQuota quota, TenantUsage usage, TimeProvider? clock = null)
    {
        var options = new TenantQuotaOptions();
        options.Tenants[Ann.TenantId] = quota;
        return new TenantAdmission(Options.Create(options), new GivenUsage(usage), clock ?? TimeProvider.System);
    }

    private static async Task<QuotaRefusal?> RefusalAsync(TenantAdmission admission, MemoryPartition partition, AdmittedWrite write)
    {
        using var admitted = await admission.AdmitAsync(partition, write);
        return admitted.Refusal;
    }
}

/// <summary>A store's usage, given: what <see cref="ITenantUsage.GetAsync"/> answers for any partition, and how often it was asked.</summary>
internal sealed class GivenUsage(TenantUsage usage) : ITenantUsage
{
    public int Asked { get; private set; }

    public ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        Asked++;
        return ValueTask.FromResult(usage);
    }
}
