using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// Shares request handling between tenants (issue 25, symptom 12): while another tenant is active (it has a request in
/// the handler, or had one end within <see cref="TenantQuotaOptions.ActiveWindow"/>), a tenant has at most
/// <see cref="TenantQuotaOptions.SharedConcurrentRequests"/> requests in the handler at once; a tenant alone has up to
/// <see cref="TenantQuotaOptions.ConcurrentRequests"/>. A request past its tenant's share waits, first come first
/// served, for one of that tenant's own requests to end: at most <see cref="TenantQuotaOptions.ConcurrencyWait"/>, and
/// at most <see cref="TenantQuotaOptions.MaxWaitingRequests"/> of one tenant wait; past either it is refused (429 with
/// <c>Retry-After</c>). So a tenant's flood, however many connections it opens, takes from another tenant at most its
/// share of the handler's threads and cores, while a tenant alone loses nothing and a burst waits instead of being refused.
/// </summary>
/// <remarks>
/// Running requests are never interrupted: when a second tenant arrives, the first tenant's requests over its share
/// finish and its next ones wait; the window keeps the share in force between another tenant's back-to-back requests.
/// A tenant's waiters are woken as its own requests end (one is always in the handler while any wait) or when one more of
/// its requests arrives, never by a timer: a tenant whose share grew back because the other tenant's window passed waits
/// at most for the next of those (a waiter can still reach <see cref="TenantQuotaOptions.ConcurrencyWait"/> behind one
/// long request when no other request of its tenant comes). O(1) per request: "another tenant
/// active" is the number of tenants with requests in the handler, and the two most recent request ends by different
/// tenants. Each instance of a deployment shares only its own handlers. Time is <see cref="TimeProvider"/>'s.
/// </remarks>
public sealed class TenantRequestGate(IOptions<TenantQuotaOptions> options, TimeProvider timeProvider)
{
    /// <summary>What a refused request is told to wait: about what a request takes.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly TenantQuotaOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private int _tenantsInFlight;
    private (string? Tenant, DateTimeOffset At) _lastEnd = (null, DateTimeOffset.MinValue);
    private DateTimeOffset _lastEndByAnother = DateTimeOffset.MinValue;

    /// <summary>
    /// Waits for a place in the handler for <paramref name="tenantId"/>: a lease to dispose when the request ends, or null
    /// when its tenant's share is taken and it may not wait (longer); answer that with 429 and <see cref="RetryAfterSeconds"/>.
    /// </summary>
    public async ValueTask<IDisposable?> EnterAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        TaskCompletionSource turn;
        Lane lane;
        lock (_lock)
        {
            if (!_lanes.TryGetValue(tenantId, out lane!))
            {
                _lanes[tenantId] = lane = new Lane(tenantId);
            }

            // The share may have grown back since the waiters queued (the other tenant went quiet): they go first.
            Promote(lane);
            if (lane.Waiting.Count == 0 && lane.InFlight < LimitOf(lane))
            {
                Start(lane);
                return new Lease(this, lane);
            }

            if (lane.Waiting.Count >= _options.MaxWaitingRequests)
            {
                return null;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lane.Waiting.AddLast(turn);
        }

        try
        {
            await turn.Task.WaitAsync(_options.ConcurrencyWait, timeProvider, cancellationToken);
            return new Lease(this, lane);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (lane.Waiting.Remove(turn))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return null;
                }
            }

            // Handed a place just as the wait ended: it is this request's, to use, or to give back when cancelled.
            var lease = new Lease(this, lane);
            if (cancellationToken.IsCancellationRequested)
            {
                lease.Dispose();
                throw;
            }

            return lease;
        }
    }

    /// <summary>Requests of <paramref name="tenantId"/> in the handler now.</summary>
    public int InFlight(string tenantId)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(tenantId, out var lane) ? lane.InFlight : 0;
        }
    }

    /// <summary>Requests of <paramref name="tenantId"/> waiting for a place now.</summary>
    public int Waiting(string tenantId)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(tenantId, out var lane) ? lane.Waiting.Count : 0;
        }
    }

    private void Leave(Lane lane)
    {
        lock (_lock)
        {
            lane.InFlight--;
            if (lane.InFlight == 0)
            {
                _tenantsInFlight--;
            }

            var now = timeProvider.GetUtcNow();
            if (_lastEnd.Tenant != lane.TenantId)
            {
                _lastEndByAnother = _lastEnd.At;
            }

            _lastEnd = (lane.TenantId, now);
            Promote(lane);

            if (lane.InFlight == 0 && lane.Waiting.Count == 0)
            {
                _lanes.Remove(lane.TenantId);
            }
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void Start(Lane lane)
    {
        if (lane.InFlight == 0)
        {
            _tenantsInFlight++;
        }

        lane.InFlight++;
    }

    /// <summary>Hands places to the lane's waiters, first come first served, while its share allows. Caller holds the lock.</summary>
    private void Promote(Lane lane)
    {
        while (lane.Waiting.First is { } next && lane.InFlight < LimitOf(lane))
        {
            lane.Waiting.RemoveFirst();
            Start(lane);
            next.Value.TrySetResult();
        }
    }

    /// <summary>The tenant's share now: shared while another tenant is active, else the whole. Caller holds the lock.</summary>
    private int LimitOf(Lane lane)
    {
        var othersInFlight = _tenantsInFlight - (lane.InFlight > 0 ? 1 : 0) > 0;
        var anotherEndedAt = _lastEnd.Tenant == lane.TenantId ? _lastEndByAnother : _lastEnd.At;
        var anotherActive = othersInFlight || timeProvider.GetUtcNow() - anotherEndedAt < _options.ActiveWindow;
        return anotherActive ? Math.Min(_options.SharedConcurrentRequestsOrDefault, _options.ConcurrentRequests) : _options.ConcurrentRequests;
    }

    private sealed class Lane(string tenantId)
    {
        public string TenantId => tenantId;

        public int InFlight { get; set; }

        public LinkedList<TaskCompletionSource> Waiting { get; } = new();
    }

    private sealed class Lease(TenantRequestGate gate, Lane lane) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(lane);
            }
        }
    }
}
