namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// Work queued per tenant and, within a tenant, per user, handed out fairly by cost instead of first come first served:
/// start-time fair queuing at two levels. Each tenant (and each user within it) has a virtual clock that advances by the
/// cost of what it was given; the next item goes to the tenant with the earliest clock among those with queued work and
/// fewer than <c>maxRunningPerTenant</c> items out, and within it to the user with the earliest clock. A tenant (or user)
/// that was idle starts at the current virtual time, so idleness banks no credit, and a flood raises only the flooder's
/// own clock: one tenant posting 100-turn batches gets about as much work done as another posting 1-turn ones, and the
/// other's next item waits for at most one dispatch, not for the flood.
/// </summary>
/// <remarks>
/// Not thread-safe by itself; <see cref="FairScheduler{T}"/> wraps it. Deterministic: ties go to the earlier arrival.
/// Generic over the item so that other shared work (cross-request embedding batches) can be ordered by the same rule.
/// </remarks>
internal sealed class FairQueue<T>(int maxRunningPerTenant)
{
    private readonly Dictionary<string, TenantLane> _tenants = new(StringComparer.Ordinal);
    private double _virtualTime;
    private long _arrivals;

    public int Queued { get; private set; }

    /// <summary>Queues <paramref name="item"/> for <paramref name="tenantId"/>/<paramref name="userId"/>; <paramref name="cost"/> is its work (at least 1).</summary>
    public void Enqueue(string tenantId, string userId, T item, int cost)
    {
        if (!_tenants.TryGetValue(tenantId, out var tenant))
        {
            _tenants[tenantId] = tenant = new TenantLane(tenantId);
        }

        if (tenant.IsIdle)
        {
            tenant.VirtualTime = Math.Max(tenant.VirtualTime, _virtualTime);
        }

        if (!tenant.Users.TryGetValue(userId, out var user))
        {
            tenant.Users[userId] = user = new UserLane();
        }

        if (user.Items.Count == 0)
        {
            user.VirtualTime = Math.Max(user.VirtualTime, tenant.UserVirtualTime);
        }

        user.Items.Enqueue((item, Math.Max(1, cost), _arrivals++));
        tenant.Queued++;
        Queued++;
    }

    /// <summary>The next item by the rule above, or false when every tenant with work is at its limit (or nothing is queued).</summary>
    public bool TryDequeue(out (string TenantId, T Item) next)
    {
        TenantLane? chosen = null;
        foreach (var tenant in _tenants.Values)
        {
            if (tenant.Queued > 0 && tenant.Running < maxRunningPerTenant
                && (chosen is null || (tenant.VirtualTime, tenant.HeadArrival()).CompareTo((chosen.VirtualTime, chosen.HeadArrival())) < 0))
            {
                chosen = tenant;
            }
        }

        if (chosen is null)
        {
            next = default;
            return false;
        }

        var user = chosen.Users.Values.Where(lane => lane.Items.Count > 0).MinBy(lane => (lane.VirtualTime, lane.Items.Peek().Arrival))!;
        var (item, cost, _) = user.Items.Dequeue();
        _virtualTime = Math.Max(_virtualTime, chosen.VirtualTime);
        chosen.UserVirtualTime = Math.Max(chosen.UserVirtualTime, user.VirtualTime);
        chosen.VirtualTime += cost;
        user.VirtualTime += cost;
        chosen.Queued--;
        chosen.Running++;
        Queued--;
        next = (chosen.TenantId, item);
        return true;
    }

    /// <summary>An item of <paramref name="tenantId"/> that <see cref="TryDequeue"/> gave out has finished.</summary>
    public void Complete(string tenantId)
    {
        var tenant = _tenants[tenantId];
        tenant.Running--;
        if (tenant.IsIdle && tenant.VirtualTime <= _virtualTime)
        {
            // Nothing to remember: an idle tenant restarts at the current virtual time anyway.
            _tenants.Remove(tenantId);
        }
        else if (tenant.Queued == 0)
        {
            foreach (var (userId, _) in tenant.Users.Where(pair => pair.Value.Items.Count == 0 && pair.Value.VirtualTime <= tenant.UserVirtualTime).ToList())
            {
                tenant.Users.Remove(userId);
            }
        }
    }

    private sealed class TenantLane(string tenantId)
    {
        public string TenantId => tenantId;

        public Dictionary<string, UserLane> Users { get; } = new(StringComparer.Ordinal);

        public double VirtualTime { get; set; }

        /// <summary>The virtual time among this tenant's users: where an idle user restarts.</summary>
        public double UserVirtualTime { get; set; }

        public int Queued { get; set; }

        public int Running { get; set; }

        public bool IsIdle => Queued == 0 && Running == 0;

        public long HeadArrival() => Users.Values.Where(lane => lane.Items.Count > 0).Min(lane => lane.Items.Peek().Arrival);
    }

    private sealed class UserLane
    {
        public Queue<(T Item, int Cost, long Arrival)> Items { get; } = new();

        public double VirtualTime { get; set; }
    }
}
