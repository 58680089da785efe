using MemoryFunctions.Http.Quotas;
using Microsoft.Extensions.Options;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>Issue 25, symptoms 5 and 12: the per-tenant token bucket on a fake clock, so every refill is decided by the test.</summary>
public sealed class TenantRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void BurstPasses_ThenRefusedUntilATokenRefills_ExactWait()
    {
        var limiter = Limiter(new TenantQuota { RequestsPerSecond = 2, Burst = 3 });

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.TryAcquire("a")));
        Assert.Equal(TimeSpan.FromSeconds(0.5), limiter.TryAcquire("a"));
        _clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.Equal(TimeSpan.FromSeconds(0.25), limiter.TryAcquire("a"));
        _clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.Null(limiter.TryAcquire("a"));
        Assert.NotNull(limiter.TryAcquire("a"));
    }

    [Fact]
    public void OneTenantFlooding_AnotherTenantsBucketUntouched()
    {
        var limiter = Limiter(new TenantQuota { RequestsPerSecond = 1, Burst = 1 });

        Assert.Null(limiter.TryAcquire("flood"));
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.NotNull(limiter.TryAcquire("flood")));

        Assert.Null(limiter.TryAcquire("calm"));
    }

    [Fact]
    public void SustainedRate_OverManySeconds_IsTheConfiguredRate()
    {
        var limiter = Limiter(new TenantQuota { RequestsPerSecond = 10, Burst = 10 });
        var served = 0;

        for (var tick = 0; tick < 60_000; tick++)
        {
            served += Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire("a") is null);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        // 60 s at 10/s, plus the initial burst of 10.
        Assert.InRange(served, 609, 610);
    }

    [Fact]
    public void NamedTenant_GetsItsOwnQuota_NoQuotaMeansUnlimited()
    {
        var options = new TenantQuotaOptions();
        options.Tenants["small"] = new TenantQuota { RequestsPerSecond = 1 };
        var limiter = new TenantRateLimiter(Options.Create(options), _clock);

        Assert.Null(limiter.TryAcquire("small"));
        Assert.NotNull(limiter.TryAcquire("small"));
        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.Null(limiter.TryAcquire("anyone-else")));
    }

    [Fact]
    public void ManyTenants_BucketsOfIdleTenantsDropped_NoTenantGainsOrLosesTokens()
    {
        var limiter = Limiter(new TenantQuota { RequestsPerSecond = 1, Burst = 1 });
        for (var i = 0; i <= 10_001; i++)
        {
            Assert.Null(limiter.TryAcquire($"t{i}"));
        }

        // t0 is still empty within the second; a second later every bucket is full again (and may be dropped).
        Assert.NotNull(limiter.TryAcquire("t0"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.TryAcquire("t-new"));
        Assert.Null(limiter.TryAcquire("t1"));
        Assert.NotNull(limiter.TryAcquire("t1"));
    }

    private TenantRateLimiter Limiter(TenantQuota quota) => new(Options.Create(new TenantQuotaOptions { Default = quota }), _clock);
}
