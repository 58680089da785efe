using System.Net;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests.Crash;

/// <summary>
/// The real server as a child process, killed with SIGKILL right after it acknowledged direct writes and ingestion
/// operations, then started again on the same data directory. Filter with <c>--filter Category=Crash</c>.
/// </summary>
[Trait("Category", "Crash")]
public sealed class ServerCrashTests : IDisposable
{
    private const int KillCycles = 2;
    private const int WritesPerCycle = 10;
    private const int OperationsPerCycle = 8;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(20);

    // One worker, so a batch of operations queues up behind the first and some are surely unfinished at the kill.
    // The hashing embedder: these tests are about durability, and a 90 MB model load per restart would only slow them.
    private static readonly Dictionary<string, string> Settings = new() { ["Memory__Ingestion__Workers"] = "1", ["Memory__Embeddings__Provider"] = "Hashing" };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "memory-crash-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Server_KilledAfterAcknowledgingWritesAndOperations_RestartCompletesEverythingExactlyOnce()
    {
        var serverDll = ServerBinary.Locate(typeof(ServerCrashTests).Assembly);
        var port = LoopbackPort.Next();
        var userId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261121);
        var ledger = new CrashLedger();
        var resumed = 0;

        for (var cycle = 0; cycle < KillCycles; cycle++)
        {
            await using var server = await ServerProcess.StartAsync(serverDll, _dataDirectory, port, StartTimeout, Settings);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var client = new MemoryServerClient(http);
            if (cycle > 0)
            {
                resumed += await server.WaitForResumedOperationsAsync(StartTimeout);
            }

            for (var i = 0; i < WritesPerCycle; i++)
            {
                var text = CrashFacts.Note("test", cycle, i, CrashFacts.Token(random));
                Assert.Equal(HttpStatusCode.Created, await client.CreateMemoryAsync(userId, text));
                ledger.WriteAcknowledged(userId, text);
            }

            var tokens = Enumerable.Range(0, OperationsPerCycle).Select(_ => CrashFacts.Token(random)).ToList();
            var submissions = await Task.WhenAll(tokens.Select(token => client.SubmitMessagesAsync(userId, CrashFacts.Message(token), idempotencyKey: token)));
            for (var i = 0; i < tokens.Count; i++)
            {
                Assert.Equal(HttpStatusCode.Accepted, submissions[i].Status);
                ledger.OperationAcknowledged(userId, submissions[i].OperationId!, CrashFacts.Statement(tokens[i]));
            }

            server.Kill();
        }

        await using var restarted = await ServerProcess.StartAsync(serverDll, _dataDirectory, port, StartTimeout, Settings);
        resumed += await restarted.WaitForResumedOperationsAsync(StartTimeout);
        using var finalHttp = new HttpClient { BaseAddress = restarted.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var report = await CrashVerifier.VerifyAsync(new MemoryServerClient(finalHttp), ledger, OperationTimeout);

        Assert.True(report.IsClean, report + "\n" + restarted.OutputTail());
        Assert.Equal(KillCycles * WritesPerCycle, report.WritesRecovered);
        Assert.Equal(KillCycles * OperationsPerCycle, report.OperationsSucceeded);
        Assert.Equal(KillCycles * OperationsPerCycle, report.FactsRecovered);
        Assert.True(resumed > 0, "No operation was unfinished at a kill, so the restarts resumed nothing and the test proved nothing.");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
