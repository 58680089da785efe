using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// A token bucket per tenant (<see cref="TenantQuota.RequestsPerSecond"/>, <see cref="TenantQuota.Burst"/>), so one
/// tenant's flood is refused before it reaches the store and the embedder that other tenants share. Own buckets rather than
/// <c>System.Threading.RateLimiting</c>'s, whose limiters read the system clock: these read <see cref="TimeProvider"/>,
/// so a test decides when tokens come back.
/// </summary>
public sealed class TenantRateLimiter(IOptions<TenantQuotaOptions> options, TimeProvider timeProvider)
{
    /// <summary>Past this many tenants, full buckets are dropped: a full bucket is the same as none (tenant ids are caller-chosen when open).</summary>
    private const int PruneAbove = 10_000;

    /// <summary>A scan costs one look per tenant, so at most one a second, however many requests come.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>Takes one request from the tenant's bucket: null when it may pass, otherwise how long until it could.</summary>
    public TimeSpan? TryAcquire(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (options.Value.For(tenantId) is not { RequestsPerSecond: { } rate } quota)
        {
            return null;
        }

        var burst = quota.BurstOrDefault(rate);
        var now = timeProvider.GetUtcNow();
        if (_buckets.Count > PruneAbove && now - _prunedAt >= PruneEvery)
        {
            _prunedAt = now;
            Prune(now);
        }

        return _buckets.GetOrAdd(tenantId, _ => new Bucket(burst, now)).TryTake(rate, burst, now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (tenantId, bucket) in _buckets)
        {
            if (options.Value.For(tenantId) is not { RequestsPerSecond: { } rate } quota || bucket.IsFull(rate, quota.BurstOrDefault(rate), now))
            {
                _buckets.TryRemove(tenantId, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updatedAt)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private DateTimeOffset _updatedAt = updatedAt;

        public TimeSpan? TryTake(double rate, int burst, DateTimeOffset now)
        {
            lock (_lock)
            {
                Refill(rate, burst, now);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }

                return TimeSpan.FromSeconds((1 - _tokens) / rate);
            }
        }

        public bool IsFull(double rate, int burst, DateTimeOffset now)
        {
            lock (_lock)
            {
                Refill(rate, burst, now);
                return _tokens >= burst;
            }
        }

        // A clock set back gives nothing; one set forward gives at most a full bucket.
        private void Refill(double rate, int burst, DateTimeOffset now)
        {
            if (now > _updatedAt)
            {
                _tokens = Math.Min(burst, _tokens + ((now - _updatedAt).TotalSeconds * rate));
                _updatedAt = now;
            }
        }
    }
}
