using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Bench.Startup;

/// <summary>
/// Recovery in seconds (issue 27 item 5): a store of 10k and of 200k memories (users of 100 memories plus one heavy user
/// holding a tenth of them, 384-d, compacted into the snapshot, then a log tail of 1 %), opened by a fresh process. First
/// where opening the store spends its time (<see cref="StartupPhases"/>, a child process), then the built server started
/// on a copy of it with the MiniLM embedder: time from process start until <c>/api/health</c> answers, until a read (list
/// a user's memories) is served, and until a search, which needs the model, is served; and the idle resident set.
/// </summary>
internal static class StartupBenchmark
{
    public const string Section = "startup";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- startup";

    private const int Dimensions = 384;
    private const int MemoriesPerUser = 100;
    private static readonly MemoryPartition Heavy = new("bench", "heavy");

    public static async Task<string> RunAsync(string[] args, CancellationToken cancellationToken, Scale.TargetSheet? targets = null)
    {
        var sizes = LoadSettings.IntValue(args, "--count") is { } only ? [only] : new[] { 10_000, 200_000 };
        var rows = new List<string>();
        var loadAtStart = MachineInfo.LoadAverage();
        var published = args.Contains("--no-ready-to-run") ? null : await PublishReadyToRunAsync(cancellationToken);
        foreach (var size in sizes)
        {
            var directory = await CachedStoreAsync(size);
            var phases = (await Child("startup-phases", directory, cancellationToken)).Split(' ');
            var built = await MeasureServerAsync(directory, null, cancellationToken);
            rows.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size:N0} | {StoreMiB(directory):F0} | {phases[0]} / {phases[1]} | {phases[2]} / {phases[3]} | {phases[4]} | {phases[5]} | {phases[6]} | {phases[7]} | {phases[8]} | build | {built.Cells} | {MachineInfo.LoadAverage()} |"));
            Console.Error.WriteLine(rows[^1]);
            AddTarget(targets, size, "`dotnet run` build", built);
            if (published is not null)
            {
                var readyToRun = await MeasureServerAsync(directory, published, cancellationToken);
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | ″ | ″ | ″ | ″ | ″ | ″ | ″ | ″ | ReadyToRun | {readyToRun.Cells} | {MachineInfo.LoadAverage()} |"));
                Console.Error.WriteLine(rows[^1]);
                AddTarget(targets, size, "ReadyToRun publish", readyToRun);
            }
        }

        var markdown = string.Join(
            '\n',
            [
                Invariant($"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at start {loadAtStart}."),
                string.Empty,
                "| memories | store MiB | store open s wall / CPU (cold) | … warm | … frames + checksums s | … unseal (AES-GCM) s | … decode s | … apply to indexes s | search indexes built s (background: lexical, vector) | server | server: healthy s wall / CPU | first read s | first search (model) s | idle RSS MiB | load average after |",
                "|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|",
                .. rows,
                string.Empty,
                "Server: `build` is `src/Memory.Server/bin/Release` as `dotnet run -c Release --project src/Memory.Server` builds it (code compiled on first use); `ReadyToRun` is the same code published with `dotnet publish src/Memory.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true` (compiled ahead of time), which the benchmark runs first.",
                string.Empty,
                "Targets (issue 27 item 5): healthy and serving reads within 2 s of process start at 10k memories and 10 s at 200k, the model loading concurrently.",
            ]);
        if (!args.Contains("--no-write"))
        {
            PerformanceDoc.RewriteSection(Section, Command, markdown);
        }

        return markdown;
    }

    /// <summary>The limit for the sizes it names: reads within 2 s of process start at 10k memories, 10 s at 200k.</summary>
    private static void AddTarget(Scale.TargetSheet? targets, int size, string server, ServerStart start)
    {
        var limit = size switch { 10_000 => 2.0, 200_000 => 10.0, _ => double.NaN };
        if (targets is null || double.IsNaN(limit))
        {
            return;
        }

        targets.Add(
            Invariant($"healthy and serving reads within {limit:F0} s of process start at {size:N0} memories ({server}, model loading concurrently)"),
            Invariant($"healthy {start.Healthy:F2} s ({start.HealthyCpu:F2} s CPU), first read {start.Read:F2} s, first search {start.Search:F2} s; idle RSS {start.ResidentMiB:F0} MiB"),
            start.Healthy <= limit && start.Read <= limit,
            "`startup`");
    }

    /// <summary>The server published ReadyToRun into the cache (incremental after the first time); returns its dll.</summary>
    private static async Task<string> PublishReadyToRunAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(Ann.EmbeddedCorpus.CacheDirectory(), "server-ready-to-run");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "publish", "src/Memory.Server", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        Console.Error.WriteLine($"publishing the server ReadyToRun into {output} ...");
        using var publish = Process.Start(start)!;
        var log = await publish.StandardOutput.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        return publish.ExitCode == 0 ? Path.Combine(output, "Memory.Server.dll") : throw new InvalidOperationException("dotnet publish failed (run the benchmark from the repository root): " + log);
    }

    /// <summary>Seconds from process start to healthy, to the first read, to the first search; idle VmRSS MiB 5 s later.</summary>
    private static async Task<ServerStart> MeasureServerAsync(string cached, string? serverDll, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", "startup-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(cached, directory);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var server = await ServerHost.StartOnAsync(directory, new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "MiniLM" }, TimeSpan.FromMilliseconds(20), serverDll, cancellationToken);
            var healthy = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var healthyCpu = server.CpuTime()?.TotalSeconds;
            using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var user = $"api/users/{Uri.EscapeDataString(User(3).UserId)}";
            await UntilOkAsync(() => client.GetAsync($"{user}/memories?limit=10", cancellationToken), cancellationToken);
            var read = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await UntilOkAsync(() => client.PostAsJsonAsync($"{user}/search", new { query = "memory about coffee", topK = 5 }, cancellationToken), cancellationToken);
            var search = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            return new ServerStart(healthy, healthyCpu ?? double.NaN, read, search, (server.ResidentBytes() ?? double.NaN) / (1024.0 * 1024.0));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Retries while the server answers 503 (the model loading), so the time is when the answer first came.</summary>
    private static async Task UntilOkAsync(Func<Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await call();
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The store of <paramref name="size"/> memories, built once under bench/.cache (stamped as MiniLM's so the server accepts it).</summary>
    private static async Task<string> CachedStoreAsync(int size)
    {
        var directory = Ann.EmbeddedCorpus.CachedStoreDirectory(Invariant($"startup-store-{size}"));
        if (File.Exists(Path.Combine(directory, "complete")))
        {
            return directory;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Console.Error.WriteLine(Invariant($"building a store of {size:N0} memories in {directory} (once) ..."));
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory, ApproximateIndexThreshold = 0 }))
        {
            var store = new LocalMemoryStore(engine);
            var data = new SyntheticMemories(Dimensions, seed: 27);
            var heavy = size / 10;
            var memories = Enumerable.Range(0, heavy).Select(i => data.Memory(Heavy, i))
                .Concat(Enumerable.Range(0, size - heavy).Select(i => data.Memory(User(i / MemoriesPerUser), i)));
            var tail = size / 100;
            var written = 0;
            foreach (var chunk in memories.Chunk(1_000))
            {
                await Task.WhenAll(chunk.Select(memory => store.AddAsync(memory.Partition, memory, SyntheticMemories.Added(memory))));
                written += chunk.Length;
                if (written == size - tail || (written < size - tail && written + chunk.Length > size - tail))
                {
                    await engine.CompactAsync();
                }
            }
        }

        EmbeddingModelFile.Write(directory, new EmbeddingModelStamp(MiniLMEmbeddingGenerator.ModelId, MiniLMEmbeddingGenerator.Dimensions));
        await File.WriteAllTextAsync(Path.Combine(directory, "complete"), "built by the startup benchmark\n");
        return directory;
    }

    private static async Task<string> Child(string verb, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(StartupBenchmark).Assembly.Location);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(directory);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode == 0 ? output.Trim().Split('\n')[^1] : throw new InvalidOperationException($"{verb} failed: {output}");
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(file => Path.GetFileName(file) is not ("complete" or "LOCK")))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static double StoreMiB(string directory) => Directory.GetFiles(directory).Sum(file => new FileInfo(file).Length) / (1024.0 * 1024.0);

    private static MemoryPartition User(int index) => new("bench", Invariant($"user-{index:D5}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds from process start until healthy (and the CPU used by then), the first read and the first search; idle VmRSS.</summary>
    private sealed record ServerStart(double Healthy, double HealthyCpu, double Read, double Search, double ResidentMiB)
    {
        public string Cells => Invariant($"{Healthy:F2} / {HealthyCpu:F2} | {Read:F2} | {Search:F2} | {ResidentMiB:F0}");
    }
}
