using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// The quotas a host applies to every tenant (<c>Default</c> and each entry of <c>Tenants</c>) that does not set them in
/// <c>Memory:Quotas</c>, so a host is bounded out of the box (issue 25, symptoms 5 and 12). A larger value lifts one
/// (at most 100,000,000); there is no "unlimited" by omission any more. Why these numbers: docs/security.md, rows 5 and 12.
/// </summary>
/// <param name="MaxUsers">Users per tenant.</param>
/// <param name="MaxQueuedOperations">Operations per tenant queued or running at once; null: none by default.</param>
public sealed record TenantQuotaDefaults(long MaxUsers, long? MaxQueuedOperations)
{
    /// <summary>
    /// The local server: 10,000 users per tenant. A one-memory user costs about 11.6 KB of the embedded store's memory
    /// (4,000 users measured), so a tenant holds at most about 116 MB that way, where a million users from one write key
    /// took about 11 GB. The queue needs no quota here: the runner's fair scheduler bounds each tenant's queue
    /// (<c>Memory:Ingestion:QueueCapacity</c>, 1,024) and serves tenants in turn.
    /// </summary>
    public static TenantQuotaDefaults Server { get; } = new(10_000, null);

    /// <summary>
    /// The Functions host: 100,000 users per tenant (Cosmos DB holds them, not the worker's memory: the cap bounds a tenant's
    /// documents and the cost of its usage counts, and a production tenant's end users may be many; an operator raises it per
    /// tenant), and 100 operations queued or running per tenant, since every tenant shares one Durable task hub and its queues
    /// are first come, first served: another tenant's new operation waits behind at most 100 of a flooder's, not all of them.
    /// </summary>
    public static TenantQuotaDefaults Functions { get; } = new(100_000, 100);

    /// <summary>Fills each quota a tenant (or <c>Default</c>) leaves unset with these defaults, after configuration is bound.</summary>
    public IServiceCollection ApplyTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.PostConfigure<TenantQuotaOptions>(options =>
        {
            foreach (var quota in options.Tenants.Values.Append(options.Default))
            {
                quota.HoldingsFromDefaultsOnly = !quota.CapsHoldings;
                quota.MaxUsers ??= MaxUsers;
                quota.MaxQueuedOperations ??= MaxQueuedOperations;
            }
        });
    }
}
