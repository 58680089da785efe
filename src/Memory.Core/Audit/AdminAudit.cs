using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Audit;

/// <summary>
/// Runs an administrative action with its audit record around it, the same way on both hosts and both stores.
/// </summary>
/// <remarks>
/// Fail closed before, record later after: the <see cref="AuditOutcome.Started"/> record is written (durably) before the
/// action runs, and if that write fails the action does not run at all, so no erase or export ever happens unrecorded. The
/// outcome then replaces it; if that second write fails too (the disk filled up meanwhile, the store throttles), the action's
/// own result still stands and is returned, the failure is logged, and the started record remains as the trail: an old
/// <see cref="AuditOutcome.Started"/> record means "happened or was attempted, outcome not recorded". An erase that goes on
/// in the background after its acknowledgement is Started until its workflow ends and records the real outcome.
/// </remarks>
public sealed class AdminAudit(IAuditLog log, TimeProvider timeProvider, ILogger<AdminAudit> logger)
{
    /// <summary>
    /// Records the start, runs <paramref name="work"/>, records its outcome (with <paramref name="describe"/>'s counts on
    /// success) and returns its result or rethrows its exception.
    /// </summary>
    public async Task<T> RunAsync<T>(
        AuditCaller caller,
        AuditAction action,
        MemoryPartition partition,
        Func<CancellationToken, Task<T>> work,
        Func<T, string> describe,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(describe);
        var started = await StartAsync(caller, action, partition, cancellationToken);
        T result;
        try
        {
            result = await work(cancellationToken);
        }
        catch (Exception exception)
        {
            await CompleteAsync(started, exception);
            throw;
        }

        await CompleteAsync(started, AuditOutcome.Succeeded, describe(result));
        return result;
    }

    /// <summary>
    /// Writes the <see cref="AuditOutcome.Started"/> record of an action that ends later (an erase that goes on in the
    /// background completes it with <see cref="CompleteAsync(AuditRecord, AuditOutcome, string)"/> when it really ends).
    /// Throws when the record cannot be written: the action must then not run.
    /// </summary>
    public async Task<AuditRecord> StartAsync(AuditCaller caller, AuditAction action, MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = timeProvider.GetUtcNow();
        var started = new AuditRecord(
            Guid.CreateVersion7(now).ToString("N"), partition.TenantId, partition.UserId, action, AuditOutcome.Started, caller.Actor, caller.TraceId, now, null, null);
        await log.WriteAsync(started, cancellationToken);
        return started;
    }

    /// <summary>Records how the action <paramref name="started"/> ended because of <paramref name="exception"/>.</summary>
    public Task CompleteAsync(AuditRecord started, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (outcome, detail) = exception is StoreFailureException failure ? (AuditOutcome.Refused, failure.Kind.ToString())
            : exception is OperationCanceledException ? (AuditOutcome.Failed, "Cancelled")
            : (AuditOutcome.Failed, exception.GetType().Name);
        return CompleteAsync(started, outcome, detail);
    }

    /// <summary>Not cancellable: the action's outcome is recorded even when the request that asked for it went away.</summary>
    public async Task CompleteAsync(AuditRecord started, AuditOutcome outcome, string detail)
    {
        ArgumentNullException.ThrowIfNull(started);
        try
        {
            await log.WriteAsync(started with { Outcome = outcome, CompletedAt = timeProvider.GetUtcNow(), Detail = detail }, CancellationToken.None);
        }
#pragma warning disable CA1031 // Any failure: the action already happened, its started record is the trail (see remarks), and the caller gets the action's own result.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.AuditOutcomeNotRecorded(logger, started.Id, started.Action, started.TenantId, outcome, exception);
        }
    }
}
