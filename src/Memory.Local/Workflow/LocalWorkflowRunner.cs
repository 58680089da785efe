using MemoryFunctions.Local.Diagnostics;
using System.Collections.Concurrent;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// Runs operations in-process: a fair queue (<see cref="FairScheduler{T}"/>: across tenants, then across users, by turns
/// submitted, with at most <see cref="LocalIngestionOptions.MaxRunningPerTenant"/> operations of one tenant running at
/// once) drained by a fixed number of workers, each running <see cref="IngestionWorkflow"/> through a
/// <see cref="LocalWorkflowContext"/>, or, for an erase operation (the store deletes in the background, as Cosmos DB
/// does), the erase's steps (<see cref="InProcessErasure"/>). On start it resumes every operation the
/// operation store still lists as queued or running, so an acknowledged request survives a crash; re-running from the
/// start is safe because every step is idempotent. On stop it takes no new work, lets running operations finish until
/// the host's shutdown timeout, then cancels them (they stay running in the store and are resumed on the next start).
/// </summary>
public sealed class LocalWorkflowRunner : BackgroundService, IWorkflowStarter
{
    private readonly IServiceProvider _services;
    private readonly IOperationStore _operations;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LocalWorkflowRunner> _logger;
    private readonly int _workers;
    private readonly FairScheduler<MemoryOperation> _queue;
    private readonly ConcurrentDictionary<(string TenantId, string UserId, string Id), byte> _pending = new();
    private readonly CancellationTokenSource _abort = new();

    public LocalWorkflowRunner(IServiceProvider services, IOperationStore operations, IOptions<LocalIngestionOptions> options, TimeProvider timeProvider, ILogger<LocalWorkflowRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _operations = operations;
        _timeProvider = timeProvider;
        _logger = logger;
        _workers = options.Value.Workers;
        _queue = new FairScheduler<MemoryOperation>(options.Value.RunningPerTenant, options.Value.QueueCapacity, timeProvider);
    }

    /// <summary>Operations queued or running right now.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Queues the operation, its cost being its turn count; a no-op when it is already queued or running here. Waits
    /// while the operation's tenant has <see cref="LocalIngestionOptions.QueueCapacity"/> operations queued.
    /// </summary>
    public async Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var key = (operation.TenantId, operation.UserId, operation.Id);
        if (!_pending.TryAdd(key, 0))
        {
            return;
        }

        try
        {
            if (!await _queue.EnqueueAsync(operation.TenantId, operation.UserId, operation, operation.Request.Messages.Count, cancellationToken))
            {
                // Persisted as queued before we were asked: the next start resumes it, so nothing is lost.
                _pending.TryRemove(key, out _);
                Log.NotQueued(_logger, operation.Id);
            }
        }
        catch (OperationCanceledException)
        {
            _pending.TryRemove(key, out _);
            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.RunnerStopping(_logger);
        _queue.Close();
        await using var abort = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        _queue.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)).ToList();
        var resumed = 0;
        try
        {
            await foreach (var operation in _operations.ListUnfinishedAsync(stoppingToken))
            {
                await StartAsync(operation, stoppingToken);
                resumed++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping while resuming: what was not queued stays unfinished in the store for the next start.
        }

        Log.RunnerStarted(_logger, _workers, resumed);
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var lease = await _queue.DequeueAsync(stoppingToken);
                try
                {
                    Log.OperationDequeued(_logger, lease.Item.Id, lease.TenantId, (long)lease.Waited.TotalMilliseconds);
                    await RunAsync(lease.Item);
                }
                finally
                {
                    _queue.Complete(lease);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stop taking work; operations left in the queue are still queued in the store.
        }
    }

    private async Task RunAsync(MemoryOperation operation)
    {
        // Its steps are background work of its tenant: the embedder serves searches first and shares the rest fairly.
        using var background = BackgroundWork.For(operation.TenantId);
        try
        {
            if (operation.Kind == OperationKind.Erase)
            {
                await InProcessErasure.RunAsync(_services.GetRequiredService<ErasureSteps>(), ErasureStepInput.For(operation), _timeProvider, _abort.Token);
                Log.OperationRan(_logger, operation.Id, "erase ended");
                return;
            }

            var context = new LocalWorkflowContext(_services, _timeProvider, _logger, operation.Id, _abort.Token);
            var result = await IngestionWorkflow.RunAsync(context, IngestionWorkflowInput.For(operation));
            Log.OperationRan(_logger, operation.Id, result.Status?.ToString() ?? "gone");
            if (result.Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Cancelled)
            {
                _services.GetService<IOperationFinishedListener>()?.OperationFinished(operation.Partition, operation.Id);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            Log.OperationInterrupted(_logger, operation.Id);
        }
#pragma warning disable CA1031 // A worker must survive any one operation; the operation stays unfinished and is resumed.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.OperationCrashed(_logger, exception, operation.Id);
        }
        finally
        {
            _pending.TryRemove((operation.TenantId, operation.UserId, operation.Id), out _);
        }
    }
}
