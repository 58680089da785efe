namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// The thread-safe face of <see cref="FairQueue{T}"/> for producers and workers: producers wait only while their own
/// tenant has <c>maxQueuedPerTenant</c> items queued (back-pressure on the flooder, not on everyone), workers wait until
/// an item is eligible, and each handed-out item says how long it waited on <paramref name="timeProvider"/>.
/// </summary>
internal sealed class FairScheduler<T>(int maxRunningPerTenant, int maxQueuedPerTenant, TimeProvider timeProvider) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FairQueue<(T Item, DateTimeOffset EnqueuedAt)> _queue = new(maxRunningPerTenant);
    private readonly Dictionary<string, SemaphoreSlim> _room = new(StringComparer.Ordinal);
    // Released on every change that can make an item eligible (an arrival, a completion); a worker that wakes and finds
    // nothing waits again, so a spare release costs one look, and none is ever lost.
    private readonly SemaphoreSlim _changed = new(0);
    private bool _closed;

    /// <summary>Items queued (not yet handed out), all tenants together.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Queued;
            }
        }
    }

    /// <summary>Queues the item once its tenant has room; false when the scheduler was closed (the item is not queued).</summary>
    public async Task<bool> EnqueueAsync(string tenantId, string userId, T item, int cost, CancellationToken cancellationToken = default)
    {
        var room = RoomFor(tenantId);
        await room.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_closed)
            {
                room.Release();
                return false;
            }

            _queue.Enqueue(tenantId, userId, (item, timeProvider.GetUtcNow()), cost);
        }

        _changed.Release();
        return true;
    }

    /// <summary>The next eligible item, if there is one now.</summary>
    public bool TryDequeue(out FairLease<T> lease)
    {
        lock (_gate)
        {
            if (!_queue.TryDequeue(out var next))
            {
                lease = default;
                return false;
            }

            _room[next.TenantId].Release();
            lease = new FairLease<T>(next.TenantId, next.Item.Item, timeProvider.GetUtcNow() - next.Item.EnqueuedAt);
            return true;
        }
    }

    /// <summary>Waits for the next eligible item; <see cref="Complete"/> must follow once it has run.</summary>
    public async Task<FairLease<T>> DequeueAsync(CancellationToken cancellationToken)
    {
        FairLease<T> lease;
        while (!TryDequeue(out lease))
        {
            await _changed.WaitAsync(cancellationToken);
        }

        return lease;
    }

    public void Complete(FairLease<T> lease)
    {
        lock (_gate)
        {
            _queue.Complete(lease.TenantId);
        }

        _changed.Release();
    }

    /// <summary>Takes no more items; those queued stay (the runner's are persisted as queued and resumed on the next start).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    public void Dispose()
    {
        _changed.Dispose();
        foreach (var room in _room.Values)
        {
            room.Dispose();
        }
    }

    private SemaphoreSlim RoomFor(string tenantId)
    {
        lock (_gate)
        {
            if (!_room.TryGetValue(tenantId, out var room))
            {
                _room[tenantId] = room = new SemaphoreSlim(maxQueuedPerTenant);
            }

            return room;
        }
    }
}
