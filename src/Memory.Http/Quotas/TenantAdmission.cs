using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Quotas;

/// <summary>What a write adds, for the admission quotas it must pass.</summary>
public enum AdmittedWrite
{
    /// <summary>A read, or a write that adds nothing to hold (update, delete): no holdings quota applies.</summary>
    None,

    /// <summary>New memories (<c>POST …/memories</c>, an import): users and memories quotas.</summary>
    Memory,

    /// <summary>A new ingestion operation (<c>POST …/messages</c>): users, memories and queued operations quotas.</summary>
    Operation,
}

/// <summary>
/// Admission quotas on what a tenant holds (<see cref="TenantQuota.MaxUsers"/>, <see cref="TenantQuota.MaxMemories"/>,
/// <see cref="TenantQuota.MaxQueuedOperations"/>), checked at submission in <c>ScopedCall</c>, so both hosts (and MCP,
/// which runs the same handlers) apply one rule. Check and admission are one step per tenant: checks of one tenant take turns
/// (<see cref="AdmissionLedger"/>), and each counts, beside the store's usage (<see cref="ITenantUsage"/>), the writes this
/// instance admitted that the store's count may not hold yet: those still running, and, when the count is a reused one
/// (<see cref="TenantUsage.CountedAt"/>), those finished since it was taken. So concurrent writes cannot pass a cap together
/// on one instance; N instances of a deployment on a reused count may overshoot by what the others admitted within its age.
/// An admitted operation's facts may still take the tenant past its memories quota (it was under the quota when admitted),
/// and an import counts as one memory until it has written.
/// </summary>
public sealed class TenantAdmission(IOptions<TenantQuotaOptions> options, ITenantUsage usage, TimeProvider timeProvider)
{
    /// <summary>How long a submission refused for a full queue is told to wait: about what a worker takes for an operation.</summary>
    public const int QueueRetryAfterSeconds = 5;

    private readonly TenantQuotaOptions _options = options.Value;
    private readonly AdmissionLedgers _ledgers = new(timeProvider);

    /// <summary>
    /// Whether <paramref name="write"/> to <paramref name="partition"/> may go ahead. Dispose the answer when the write is done
    /// (or has failed): until then it counts as pending against the tenant's quotas.
    /// </summary>
    public async ValueTask<Admission> AdmitAsync(MemoryPartition partition, AdmittedWrite write, CancellationToken cancellationToken = default)
    {
        var quota = _options.For(partition.TenantId);
        if (write == AdmittedWrite.None || !quota.CapsHoldings)
        {
            return Admission.Unlimited;
        }

        var ledger = _ledgers.Enter(partition.TenantId);
        var admitted = false;
        try
        {
            await ledger.Gate.WaitAsync(cancellationToken);
            try
            {
                var finishesBeforeCount = ledger.FinishesSoFar;
                var stored = await usage.GetAsync(partition, cancellationToken);
                var now = ledger.WithPending(stored, partition.UserId, finishesBeforeCount);
                if (Refusal(quota, now, write, partition.TenantId) is { } refusal)
                {
                    return new Admission(refusal, null);
                }

                admitted = true;
                return new Admission(null, ledger.Reserve(write, stored.PartitionInUse ? null : partition.UserId, () => _ledgers.Exit(ledger)));
            }
            finally
            {
                ledger.Gate.Release();
            }
        }
        finally
        {
            if (!admitted)
            {
                _ledgers.Exit(ledger);
            }
        }
    }

    private static QuotaRefusal? Refusal(TenantQuota quota, TenantUsage now, AdmittedWrite write, string tenant)
    {
        if (quota.MaxUsers is { } users && !now.PartitionInUse && now.Users >= users)
        {
            return Refuse("users", now.Users, users, tenant, "Erase users it no longer needs (DELETE /api/users/{userId}) or ask the operator for a larger quota.");
        }

        if (quota.MaxMemories is { } memories && now.Memories >= memories)
        {
            return Refuse("memories", now.Memories, memories, tenant, "Delete memories it no longer needs or erase users, or ask the operator for a larger quota.");
        }

        if (write == AdmittedWrite.Operation && quota.MaxQueuedOperations is { } queued && now.UnfinishedOperations >= queued)
        {
            return Refuse("queuedOperations", now.UnfinishedOperations, queued, tenant, $"Retry after {QueueRetryAfterSeconds} seconds (Retry-After), when some have finished.") with
            {
                RetryAfterSeconds = QueueRetryAfterSeconds,
            };
        }

        return null;
    }

    private static QuotaRefusal Refuse(string limit, long holds, long quota, string tenant, string fix)
    {
        var setting = char.ToUpperInvariant(limit[0]) + limit[1..];
        return new QuotaRefusal(
            limit,
            string.Create(CultureInfo.InvariantCulture, $"Tenant '{tenant}' has {holds} {limit} against its quota of {quota} (Memory:Quotas, Max{setting}); nothing was done. {fix}"),
            null);
    }
}

/// <summary>
/// A write past a quota: the quota's name (<paramref name="Limit"/>, as in the problem's <c>limit</c>), what to tell the
/// caller, and when to retry (429 + <c>Retry-After</c>), or null when waiting will not help (403).
/// </summary>
public sealed record QuotaRefusal(string Limit, string Detail, int? RetryAfterSeconds);
