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
/// instance admitted that the store's count may not hold yet: those still running, and those committed (written) since
/// the count was taken (<see cref="TenantUsage.CountedAt"/> for a reused count). A write that fails is released at once
/// and never counted. So concurrent writes cannot pass a cap together on one instance; N instances of a deployment on a
/// reused count may overshoot by what the others admitted within its age. A refusal that rests on what the tenant holds is
/// final (403); one that rests on writes still running is not (429, <see cref="RunningRetryAfterSeconds"/>), since those
/// may fail. An admitted operation's facts may still take the tenant past its memories quota (it was under the quota when
/// admitted).
/// </summary>
public sealed class TenantAdmission(IOptions<TenantQuotaOptions> options, ITenantUsage usage, TimeProvider timeProvider)
{
    /// <summary>How long a submission refused for a full queue is told to wait: about what a worker takes for an operation.</summary>
    public const int QueueRetryAfterSeconds = 5;

    /// <summary>The <see cref="QuotaRefusal.Limit"/> of a refusal by <see cref="TenantQuota.MaxMemories"/>.</summary>
    public const string MemoriesLimit = "memories";

    /// <summary>How long a write refused only because of writes still under way is told to wait: about what a write takes.</summary>
    public const int RunningRetryAfterSeconds = 1;

    /// <summary>How long a write whose check could not finish in time (<see cref="TenantQuotaOptions.AdmissionWait"/>) is told to wait.</summary>
    public const int StalledRetryAfterSeconds = 2;

    /// <summary>
    /// When a count still running is cancelled, giving the tenant's turn back: the Cosmos DB SDK's own longest wait on a
    /// throttled request (<c>CosmosClientOptions.MaxRetryWaitTimeOnRateLimitedRequests</c>, 30 s by default).
    /// </summary>
    public static readonly TimeSpan MaxCountTime = TimeSpan.FromSeconds(30);

    private readonly TenantQuotaOptions _options = options.Value;
    private readonly AdmissionLedgers _ledgers = new(timeProvider);

    /// <summary>
    /// Whether <paramref name="count"/> of <paramref name="write"/> (1, or an import batch's memories) to
    /// <paramref name="partition"/> may go ahead. <see cref="Admission.Commit()"/> the answer when the write succeeded and
    /// dispose it in any case: until then it counts as running against the tenant's quotas.
    /// </summary>
    public async ValueTask<Admission> AdmitAsync(MemoryPartition partition, AdmittedWrite write, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var quota = _options.For(partition.TenantId);
        if (write == AdmittedWrite.None || !quota.CapsHoldings)
        {
            return Admission.Unlimited;
        }

        var ledger = _ledgers.Enter(partition.TenantId);
        var kept = false;
        try
        {
            // The wait for this tenant's turn and its count is bounded; the count itself may go on (a throttled store
            // answers late), holding the turn until it ends, so a slow store gets one count at a time, not one per request.
            // The bound's timer is made only when there is something to wait for: a free turn and a store that counts at
            // once (the embedded store) cost no timer, which every write of a tenant with a quota (all, by default) pays.
            using var bound = new WaitBound(_options.AdmissionWait, timeProvider, cancellationToken);
            if (!ledger.Gate.Wait(0, CancellationToken.None))
            {
                try
                {
                    await ledger.Gate.WaitAsync(bound.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return StalledOrAdmitted(quota, partition.TenantId, "another check of this tenant is still waiting for the store's count");
                }
            }

            var counting = CountAsync(ledger, partition);
            if (!counting.IsCompleted)
            {
                try
                {
                    await counting.WaitAsync(bound.Token);
                }
                catch (Exception) when (bound.IsCancellationRequested || counting.IsCompleted)
                {
                    // Decided below, by whether the count has ended; a count that failed (a store error) is rethrown below,
                    // where the gate is given back: escaping here would hold this tenant's admissions until a restart.
                }
            }

            if (!counting.IsCompleted)
            {
                // The count goes on without this request: when it ends, it gives the turn (and the ledger) back.
                kept = true;
                _ = counting.ContinueWith(_ => Leave(ledger), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                return StalledOrAdmitted(quota, partition.TenantId, "the store's count of it has not answered (the store is slow or throttling)");
            }

            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (counting.IsCanceled)
                {
                    return StalledOrAdmitted(quota, partition.TenantId, string.Create(CultureInfo.InvariantCulture, $"the store's count of it was given up after {MaxCountTime.TotalSeconds:0} s"));
                }

                (TenantUsage Usage, long CommitsBeforeCount) counted;
                try
                {
                    counted = await counting;
                }
                catch (Exception) when (quota.HoldingsFromDefaultsOnly)
                {
                    // The host's own safety net does not fail a write because the store could not count (not open yet, or
                    // failing): the write itself meets the store next and answers for it.
                    return Admission.Unlimited;
                }

                var (stored, commitsBeforeCount) = counted;
                if (Refusal(quota, ledger.WithPending(stored, partition.UserId, commitsBeforeCount), write, count, partition.TenantId) is { } refusal)
                {
                    return new Admission(refusal, null);
                }

                kept = true;
                return new Admission(null, ledger.Reserve(write, count, stored.PartitionInUse ? null : partition.UserId, () => _ledgers.Exit(ledger)));
            }
            finally
            {
                ledger.Gate.Release();
            }
        }
        finally
        {
            if (!kept)
            {
                _ledgers.Exit(ledger);
            }
        }
    }

    /// <summary>
    /// Null when <paramref name="operations"/> new operations of the tenant may ever be admitted together; else why not:
    /// they outnumber its <see cref="TenantQuota.MaxQueuedOperations"/>, so no wait would let them in at once (an Event Grid
    /// delivery batched past the quota, refused whole, would otherwise be retried until its events expire).
    /// </summary>
    public string? NeverAdmitted(string tenantId, int operations) =>
        _options.For(tenantId).MaxQueuedOperations is { } queued && operations > queued
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"This delivery holds {operations} events for tenant '{tenantId}', more than its quota of {queued} queued operations (Memory:Quotas, MaxQueuedOperations): it could never be admitted whole, and nothing was done. Set the subscription's maxEventsPerBatch to at most {queued}, or ask the operator for a larger quota.")
            : null;

    /// <summary>
    /// The store's usage, under the tenant's turn, and how many commits the ledger had seen when it began. Not cancelled by
    /// the request (it may finish after the request gave up, for the next one), only after <see cref="MaxCountTime"/>.
    /// </summary>
    private async Task<(TenantUsage Usage, long CommitsBeforeCount)> CountAsync(AdmissionLedger ledger, MemoryPartition partition)
    {
        using var bounded = new CancellationTokenSource();
        var commitsBeforeCount = ledger.CommitsSoFar;
        var counting = usage.GetAsync(partition, bounded.Token);
        if (counting.IsCompleted)
        {
            return (await counting, commitsBeforeCount);
        }

        // Disposed before the source it cancels (declared after it), and a registration's disposal waits for its callback.
        using var timeout = new CancellationTokenSource(MaxCountTime, timeProvider);
        using var cancelsTheCount = timeout.Token.Register(bounded.Cancel);
        return (await counting, commitsBeforeCount);
    }

    /// <summary>
    /// One check's bound on waiting (<see cref="TenantQuotaOptions.AdmissionWait"/>, or the request's cancellation), its timer
    /// started at the first wait that needs it.
    /// </summary>
    private sealed class WaitBound(TimeSpan wait, TimeProvider timeProvider, CancellationToken request) : IDisposable
    {
        private CancellationTokenSource? _waited;
        private CancellationTokenSource? _giveUp;

        public CancellationToken Token =>
            (_giveUp ??= CancellationTokenSource.CreateLinkedTokenSource(request, (_waited = new CancellationTokenSource(wait, timeProvider)).Token)).Token;

        public bool IsCancellationRequested => _giveUp?.IsCancellationRequested == true;

        public void Dispose()
        {
            _giveUp?.Dispose();
            _waited?.Dispose();
        }
    }

    private void Leave(AdmissionLedger ledger)
    {
        ledger.Gate.Release();
        _ledgers.Exit(ledger);
    }

    /// <summary>
    /// A check that could not finish in time: refused (503 + <c>Retry-After</c>), unless the tenant's holdings quotas are only
    /// the host's defaults, which then admit the write unchecked (<see cref="TenantQuota.HoldingsFromDefaultsOnly"/>).
    /// </summary>
    private Admission StalledOrAdmitted(TenantQuota quota, string tenant, string cause) =>
        quota.HoldingsFromDefaultsOnly ? Admission.Unlimited : new Admission(Stalled(tenant, cause), null);

    private QuotaRefusal Stalled(string tenant, string cause) =>
        new(
            "admission",
            string.Create(
                CultureInfo.InvariantCulture,
                $"Tenant '{tenant}''s write could not be checked against its quotas (Memory:Quotas) within {_options.AdmissionWait.TotalSeconds:0.#} s: {cause}. Nothing was done. Retry after {StalledRetryAfterSeconds} seconds (Retry-After)."),
            StalledRetryAfterSeconds,
            Stalled: true);

    /// <summary>
    /// A refusal by what the tenant holds (committed writes): 403, waiting does not help (429 for a full queue, which
    /// drains). Else a refusal that rests on writes still running, which may fail and free the room: 429, retry shortly.
    /// </summary>
    private static QuotaRefusal? Refusal(TenantQuota quota, PendingUsage now, AdmittedWrite write, int count, string tenant) =>
        Refusal(quota, now.Committed, now.Committed, write, count, tenant) ?? Refusal(quota, now.WithRunning, now.Committed, write, count, tenant);

    /// <summary>Which quota <paramref name="now"/> is at; what it holds beyond <paramref name="committed"/> are writes still running.</summary>
    private static QuotaRefusal? Refusal(TenantQuota quota, TenantUsage now, TenantUsage committed, AdmittedWrite write, int count, string tenant)
    {
        if (quota.MaxUsers is { } users && !now.PartitionInUse && now.Users >= users)
        {
            return Refuse("users", now.Users, users, tenant, now.Users - committed.Users, "Erase users it no longer needs (DELETE /api/users/{userId}) or ask the operator for a larger quota.");
        }

        var adds = write == AdmittedWrite.Memory ? count : 1;
        if (quota.MaxMemories is { } memories && now.Memories + adds > memories)
        {
            return Refuse(MemoriesLimit, now.Memories, memories, tenant, now.Memories - committed.Memories, "Delete memories it no longer needs or erase users, or ask the operator for a larger quota.");
        }

        if (write == AdmittedWrite.Operation && quota.MaxQueuedOperations is { } queued && now.UnfinishedOperations >= queued)
        {
            return Refuse("queuedOperations", now.UnfinishedOperations, queued, tenant, 0, $"Retry after {QueueRetryAfterSeconds} seconds (Retry-After), when some have finished.") with
            {
                RetryAfterSeconds = QueueRetryAfterSeconds,
            };
        }

        return null;
    }

    /// <summary>
    /// The refusal: by holdings (<paramref name="running"/> 0) with <paramref name="fix"/>; or, when it counts writes still
    /// running, retryable after <see cref="RunningRetryAfterSeconds"/>, since they may fail.
    /// </summary>
    private static QuotaRefusal Refuse(string limit, long holds, long quota, string tenant, long running, string fix)
    {
        var setting = char.ToUpperInvariant(limit[0]) + limit[1..];
        var has = string.Create(CultureInfo.InvariantCulture, $"Tenant '{tenant}' has {holds} {limit} against its quota of {quota} (Memory:Quotas, Max{setting}); nothing was done.");
        return running == 0
            ? new QuotaRefusal(limit, $"{has} {fix}", null)
            : new QuotaRefusal(
                limit,
                string.Create(CultureInfo.InvariantCulture, $"{has} {running} of those are writes still under way, which may fail: retry after {RunningRetryAfterSeconds} second(s) (Retry-After)."),
                RunningRetryAfterSeconds);
    }
}

/// <summary>
/// A write past a quota: the quota's name (<paramref name="Limit"/>, as in the problem's <c>limit</c>), what to tell the
/// caller, and when to retry (429 + <c>Retry-After</c>), or null when waiting will not help (403). <paramref name="Stalled"/>:
/// not past a quota, but not checked in time (the store's count is slow): 503 + <c>Retry-After</c>.
/// </summary>
public sealed record QuotaRefusal(string Limit, string Detail, int? RetryAfterSeconds, bool Stalled = false);
