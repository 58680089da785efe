using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Gateway;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Bench.CosmosErase;

/// <summary>
/// <c>cosmos-erase [--memories 100000] [--ru 1000]</c>: erasing one heavy user on Cosmos DB, MODELLED. The Cosmos store runs
/// through the real SDK against the gateway double (tests/Memory.Cosmos.Gateway: one physical partition provisioned at
/// <c>--ru</c> RU/s, priority-based execution on, its request charges a model's estimates) on a virtual clock
/// (<see cref="JumpingClock"/>). The erase goes the way a DELETE request does: <see cref="UserErasureService"/> (audit,
/// epoch advance, the erase operation the 202 carries), then the background steps in <see cref="InProcessErasure"/> (the
/// local runner's loop; the Functions orchestration calls the same steps), while a poller reads the operation as a client
/// polling <c>GET /operations/{id}</c> would. Rewrites its section of docs/performance.md.
/// </summary>
internal static class CosmosEraseBenchmark
{
    public const string Section = "cosmos-erase";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- cosmos-erase";

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MemoryPartition User = new("bench", "heavy-user");
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<string> RunAsync(int memories, double requestUnitsPerSecond)
    {
        var clock = new JumpingClock(Start);
        using var gateway = new CosmosGateway(new CosmosGatewayOptions
        {
            ProvisionedThroughput = requestUnitsPerSecond, Clock = clock, PriorityBasedExecution = true, RecordRequests = false,
        });
        using var container = new CosmosMemoryContainer(CreateClient(gateway), new CosmosStoreSettings(
            gateway.Options.DatabaseName, gateway.Options.ContainerName, gateway.Options.EmbeddingDimensions, VectorIndexType.DiskANN, FullTextSearch: true));
        var seeded = Stopwatch.StartNew();
        var documents = EraseCorpus.Seed(gateway, User, memories);
        var seedSeconds = seeded.Elapsed.TotalSeconds;

        var store = new CosmosMemoryStore(container, clock, NullLogger<CosmosMemoryStore>.Instance);
        var operations = new CosmosOperationStore(container);
        var audit = new AdminAudit(new CosmosAuditLog(container, Options.Create(new AuditOptions()), clock), clock, NullLogger<AdminAudit>.Instance);
        var steps = new ErasureSteps(store, operations, new ActiveOperationWriter(operations, Options.Create(new IngestionOptions()), clock, NullLogger<ActiveOperationWriter>.Instance), audit, clock, NullLogger<ErasureSteps>.Instance);
        var runner = new BackgroundRunner(steps, clock);
        var service = new UserErasureService(store, operations, runner, audit, clock, NullLogger<UserErasureService>.Instance, new ConversationParticipants(clock));

        var real = Stopwatch.StartNew();
        var acknowledged = await service.EraseAsync(new AuditCaller("key:bench", "00000000000000000000000000000000"), User);
        var operation = acknowledged.Operation ?? throw new InvalidOperationException("The Cosmos store finished the erase at once; expected a 202 and an operation.");
        var acknowledgedAfter = (clock.GetUtcNow() - Start, real.Elapsed);
        var chargedAtAcknowledgement = gateway.Throughput.Charged;
        var poll = await PollAsync(operations, operation.Id, runner.Finished, clock);
        var total = (clock.GetUtcNow() - Start, real.Elapsed);
        await runner.Finished;

        var left = gateway.Documents.Ids(PartitionKeyJson).Count;
        var final = poll.Last ?? throw new InvalidOperationException("The operation was never read.");
        return Report(memories, requestUnitsPerSecond, documents, seedSeconds, acknowledgedAfter, chargedAtAcknowledgement, total, gateway, poll, final, left);
    }

    private static string PartitionKeyJson => JsonSerializer.Serialize(new[] { User.TenantId, User.UserId });

    private static CosmosClient CreateClient(CosmosGateway gateway)
    {
        // The SDK's own 429 retries wait in real time, which does not move the virtual clock: off, so every 429 reaches the
        // store's own waiting (on the store's clock), which is what a long erase relies on once the SDK's budget is spent.
        var options = gateway.ConfigureClient(CosmosClientFactory.CreateClientOptions(new CosmosMemoryOptions
        {
            AccountEndpoint = gateway.Endpoint.ToString(),
            UseGatewayMode = true,
            MaxRetryAttemptsOnRateLimitedRequests = 0,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(1),
        }));
        return new CosmosClient(gateway.Endpoint.ToString(), Convert.ToBase64String(Encoding.UTF8.GetBytes("gateway-key")), options);
    }

    /// <summary>
    /// Reads the operation once per virtual second, as a client polling every second would: it checks the virtual clock every
    /// 50 ms of real time and reads when a second has passed on it since its last read (or when the erase has ended), so its
    /// reads neither move the clock nor crowd one virtual second with high-priority traffic (which would starve the
    /// low-priority deletes). A 429 is waited out on the virtual clock for the Retry-After the HTTP answer would carry.
    /// </summary>
    private static async Task<PollLog> PollAsync(CosmosOperationStore operations, string operationId, Task finished, TimeProvider clock)
    {
        var log = new PollLog();
        var lastRead = DateTimeOffset.MinValue;
        while (true)
        {
            var ended = finished.IsCompleted;
            if (!ended && clock.GetUtcNow() - lastRead < PollInterval)
            {
                await Task.Delay(50);
                continue;
            }

            lastRead = clock.GetUtcNow();
            try
            {
                var current = await operations.GetAsync(User, operationId);
                log.Reads++;
                log.Last = current;
                if (current is { IsFinished: true })
                {
                    return log;
                }
            }
            catch (Core.Storage.StoreFailureException failure) when (failure.Kind == Core.Storage.StoreFailureKind.Throttled)
            {
                log.Throttled++;

                // What the client is told over HTTP: Retry-After in whole seconds, at least one (StoreFailureProblems).
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((failure.RetryAfter ?? TimeSpan.Zero).TotalSeconds))), clock);
                continue;
            }
            catch (Core.Storage.StoreFailureException)
            {
                log.Failed++;
            }

            if (ended)
            {
                await finished;
                throw new InvalidOperationException($"The erase ended but its operation reads as {log.Last?.Status.ToString() ?? "missing"}.");
            }
        }
    }

    private static string Report(
        int memories, double ru, EraseCorpus.Counts documents, double seedSeconds, (TimeSpan Virtual, TimeSpan Real) acknowledged, double chargedAtAck,
        (TimeSpan Virtual, TimeSpan Real) total, CosmosGateway gateway, PollLog poll, MemoryOperation final, int left)
    {
        var c = CultureInfo.InvariantCulture;
        var charged = gateway.Throughput.Charged;
        var builder = new StringBuilder();
        builder.AppendLine(c, $"Erasing one user of {memories:N0} memories on Cosmos DB, **modelled**: the store through the real SDK against the");
        builder.AppendLine(c, $"gateway double, one physical partition at {ru:N0} RU/s with priority-based execution, on a virtual clock. Time and RU");
        builder.AppendLine("below are **model estimates** (the gateway's request-charge model, `RequestCharges`; requests take no virtual time, only");
        builder.AppendLine("throttling does), not measurements on an account. Seeded: " +
            string.Create(c, $"{documents.Memories:N0} memory documents of {documents.MemoryBytes / 1024.0:0.0} KB (text, metadata and a 1536-float vector), ") +
            string.Create(c, $"{documents.History:N0} history documents, {documents.Operations:N0} finished ingestion operations: {documents.Total:N0} documents."));
        builder.AppendLine();
        builder.AppendLine("| measure | value |");
        builder.AppendLine("|---|---|");
        builder.AppendLine(c, $"| acknowledged (202 + erase operation; nothing readable from here on) | {acknowledged.Virtual.TotalSeconds:0.###} s virtual, {chargedAtAck:N0} RU (model) |");
        builder.AppendLine(c, $"| erase finished (operation `{final.Status.ToString().ToLowerInvariant()}`) | {total.Virtual.TotalMinutes:0.0} min virtual |");
        builder.AppendLine(c, $"| request units charged, whole erase | {charged:N0} RU (model), {charged / Math.Max(1, documents.Total):0.0} RU per document |");
        builder.AppendLine(c, $"| throughput used | {charged / Math.Max(1e-9, total.Virtual.TotalSeconds):N0} RU/s of {ru:N0} |");
        builder.AppendLine(c, $"| 429 answers (all priorities) | {gateway.Throughput.Throttled:N0} |");
        builder.AppendLine(c, $"| progress reported | {final.Progress?.Done:N0} of {final.Progress?.Total:N0} documents |");
        builder.AppendLine(c, $"| polls (operation reads) | {poll.Reads:N0} served, {poll.Throttled:N0} throttled (HTTP 429 + Retry-After), {poll.Failed:N0} other failures (5xx) |");
        builder.AppendLine(c, $"| documents left in the partition | {left:N0} (the epoch document, the erase operation) |");
        builder.AppendLine(c, $"| wall clock of this run (not a service figure) | seed {seedSeconds:0} s, erase {total.Real.TotalSeconds:0} s, load average {MachineInfo.LoadAverage()} |");
        return builder.ToString();
    }

    private sealed class PollLog
    {
        public int Reads { get; set; }

        public int Throttled { get; set; }

        public int Failed { get; set; }

        public MemoryOperation? Last { get; set; }
    }

    /// <summary>The host's starter, reduced to the erase: runs the background steps and keeps the task.</summary>
    private sealed class BackgroundRunner(ErasureSteps steps, TimeProvider clock) : IWorkflowStarter
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Finished => _finished.Task;

        public Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await InProcessErasure.RunAsync(steps, ErasureStepInput.For(operation), clock, CancellationToken.None);
                    _finished.TrySetResult();
                }
                catch (Exception exception)
                {
                    _finished.TrySetException(exception);
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        }
    }
}
