using System.Diagnostics;
using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Bench;

/// <summary>
/// <c>audited-erase [--erases 200] [--memories 10]</c>: what the audit record adds to an erase on the embedded store,
/// latency and log bytes per erase, plain store erases interleaved with erases through <see cref="AdminAudit"/>
/// (started record, erase, outcome) so both see the same disk and load. Rewrites its section of docs/performance.md.
/// </summary>
internal static class AuditedEraseBenchmark
{
    public const string Section = "audited-erase";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- audited-erase";

    public static async Task<string> RunAsync(int erases, int memoriesPerUser)
    {
        var directory = Path.Combine(Path.GetTempPath(), "audited-erase-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
            var store = new LocalMemoryStore(engine);
            var audit = new AdminAudit(new LocalAuditLog(engine), TimeProvider.System, NullLogger<AdminAudit>.Instance);
            var caller = new AuditCaller("key:bench", "00000000000000000000000000000000");
            await FillAsync(store, 2 * erases, memoriesPerUser);

            var plain = new List<double>();
            var audited = new List<double>();
            long plainBytes = 0, auditedBytes = 0;
            for (var i = 0; i < erases; i++)
            {
                var before = engine.LogBytes;
                var started = Stopwatch.GetTimestamp();
                await store.EraseAsync(new MemoryPartition("bench", $"user-{2 * i}"));
                plain.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                plainBytes += engine.LogBytes - before;

                var partition = new MemoryPartition("bench", $"user-{2 * i + 1}");
                before = engine.LogBytes;
                started = Stopwatch.GetTimestamp();
                await audit.RunAsync(caller, AuditAction.EraseUser, partition, ct => store.EraseAsync(partition, ct), e => $"memories={e.MemoriesErased}");
                audited.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                auditedBytes += engine.LogBytes - before;
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · embedded store in `{Path.GetTempPath()}` · {2 * erases} users of {memoriesPerUser} memories (384-d) · {erases} erases per kind, one caller at a time · load average {MachineInfo.LoadAverage()} · {MachineInfo.Describe()}.");
            text.AppendLine();
            text.AppendLine("| erase | p50 ms | p99 ms | log bytes per erase |");
            text.AppendLine("|---|---:|---:|---:|");
            text.AppendLine(Row("store only", plain, plainBytes / erases));
            text.AppendLine(Row("audited (AdminAudit)", audited, auditedBytes / erases));
            return text.ToString();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task FillAsync(LocalMemoryStore store, int users, int memoriesPerUser)
    {
        var now = DateTimeOffset.UtcNow;
        for (var user = 0; user < users; user++)
        {
            var partition = new MemoryPartition("bench", $"user-{user}");
            for (var i = 0; i < memoriesPerUser; i++)
            {
                var memory = new MemoryRecord { Id = $"m{i}", TenantId = "bench", UserId = partition.UserId, Text = $"fact {i} of {partition.UserId}", ContentHash = $"h{i}", Embedding = new float[384], CreatedAt = now, UpdatedAt = now, ValidFrom = now };
                await store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, now, "bench"));
            }
        }
    }

    private static string Row(string name, List<double> latencies, long bytes)
    {
        var percentiles = new Percentiles(latencies);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {percentiles.P50:F2} | {percentiles.P99:F2} | {bytes:N0} |");
    }
}
