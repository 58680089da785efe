namespace MemoryFunctions.Cosmos.Gateway.Throughput;

/// <summary>
/// The RU budget of the one physical partition every user of the container shares, on the gateway's clock (virtual when the
/// clock is fake). A token bucket holding one second of provisioned throughput: a request is admitted while the bucket is
/// above zero and charged after it runs (so the bucket can go below zero); while it is empty requests get 429 with sub-status
/// 3200 and <c>x-ms-retry-after-ms</c> = the time until it refills above zero
/// (https://learn.microsoft.com/azure/cosmos-db/nosql/troubleshoot-request-rate-too-large). Throttled requests are not
/// charged. With priority-based execution on, a Low request is also refused while the bucket holds less than what High
/// requests consumed in the last second: low priority is throttled first, yet either level may use all the throughput when
/// the other is absent (https://learn.microsoft.com/azure/cosmos-db/priority-based-execution: no reservation). The bucket's
/// one-second depth is this model's choice; the service's burst behaviour is not published.
/// </summary>
public sealed class ThroughputModel
{
    /// <summary>Sub-status of a 429 for an exhausted RU budget (the SDK's SubStatusCodes.RUBudgetExceeded).</summary>
    public const int BudgetExceeded = 3200;

    private readonly object _sync = new();
    private readonly double? _perSecond;
    private readonly TimeProvider _clock;
    private readonly bool _priorities;
    private readonly Queue<(DateTimeOffset At, double Charge)> _highPriority = new();
    private double _tokens;
    private DateTimeOffset _refilledAt;

    internal ThroughputModel(double? perSecond, TimeProvider clock, bool priorities)
    {
        _perSecond = perSecond;
        _clock = clock;
        _priorities = priorities;
        _tokens = perSecond ?? 0;
        _refilledAt = clock.GetUtcNow();
    }

    /// <summary>Request units charged so far (admitted requests only).</summary>
    public double Charged { get; private set; }

    /// <summary>Requests answered 429 so far.</summary>
    public int Throttled { get; private set; }

    /// <summary>Null when the request may run now; otherwise how long the caller should wait.</summary>
    internal TimeSpan? Admit(bool lowPriority)
    {
        if (_perSecond is not { } rate)
        {
            return null;
        }

        lock (_sync)
        {
            var now = Refill(rate);
            var floor = lowPriority && _priorities ? RecentHighPriority(now) : 0;
            if (_tokens > floor)
            {
                return null;
            }

            Throttled++;
            return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((floor - _tokens + 0.01) / rate * 1000)));
        }
    }

    internal void Charge(double requestUnits, bool lowPriority)
    {
        lock (_sync)
        {
            Charged += requestUnits;
            if (_perSecond is not { } rate)
            {
                return;
            }

            var now = Refill(rate);
            _tokens -= requestUnits;
            if (!lowPriority)
            {
                _highPriority.Enqueue((now, requestUnits));
            }
        }
    }

    private DateTimeOffset Refill(double rate)
    {
        var now = _clock.GetUtcNow();
        if (now > _refilledAt)
        {
            _tokens = Math.Min(rate, _tokens + ((now - _refilledAt).TotalSeconds * rate));
            _refilledAt = now;
        }

        return now;
    }

    private double RecentHighPriority(DateTimeOffset now)
    {
        while (_highPriority.TryPeek(out var oldest) && now - oldest.At >= TimeSpan.FromSeconds(1))
        {
            _highPriority.Dequeue();
        }

        return _highPriority.Sum(entry => entry.Charge);
    }
}
