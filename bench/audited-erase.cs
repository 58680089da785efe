#:project ../src/Memory.Local/Memory.Local.csproj
#:project ../tests/Memory.Testing/Memory.Testing.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

// What the audit record adds to an erase on the embedded store: latency (p50/p99) and log bytes per erase, plain
// store erase against the same erase through AdminAudit (started record, erase, outcome), interleaved so both see the
// same disk and load. Run: dotnet run bench/audited-erase.cs -c Release -- [erases per kind] [memories per user]
using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;
using Microsoft.Extensions.Logging.Abstractions;

var erases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var memoriesPerUser = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var directory = Path.Combine(Path.GetTempPath(), "audited-erase-" + Guid.NewGuid().ToString("N"));
try
{
    await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
    var store = new LocalMemoryStore(engine);
    var audit = new AdminAudit(new LocalAuditLog(engine), TimeProvider.System, NullLogger<AdminAudit>.Instance);
    var caller = new AuditCaller("key:bench", "00000000000000000000000000000000");
    var now = DateTimeOffset.UtcNow;
    for (var user = 0; user < 2 * erases; user++)
    {
        var partition = new MemoryPartition("bench", $"user-{user}");
        for (var i = 0; i < memoriesPerUser; i++)
        {
            var memory = new MemoryRecord { Id = $"m{i}", TenantId = "bench", UserId = partition.UserId, Text = $"fact {i} of {partition.UserId}", ContentHash = $"h{i}", Embedding = new float[384], CreatedAt = now, UpdatedAt = now, ValidFrom = now };
            await store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, now, "bench"));
        }
    }

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

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} · {erases} erases per kind · {memoriesPerUser} memories per user"));
    Console.WriteLine("| erase | p50 ms | p99 ms | log bytes per erase |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine(Row("store only", plain, plainBytes / erases));
    Console.WriteLine(Row("audited (AdminAudit)", audited, auditedBytes / erases));
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static string Row(string name, List<double> latencies, long bytes)
{
    latencies.Sort();
    return string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies[latencies.Count / 2]:F2} | {latencies[(int)(latencies.Count * 0.99)]:F2} | {bytes:N0} |");
}
