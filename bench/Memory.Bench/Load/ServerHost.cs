using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// The server under load: either the built Memory.Server started here (loopback, a fresh temporary data directory,
/// killed and deleted on dispose) or an already running one given by URL. Only a server started here has a known process
/// whose resident memory can be read.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Idle for <see cref="SettleAsync"/>: 5 % of a core (an idle server uses about 1 ms in this window).</summary>
    private static readonly TimeSpan IdleCpuPerWindow = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>Quiet windows in a row: on a loaded machine a starved compiler thread can look quiet for one window.</summary>
    private const int QuietWindows = 2;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    private readonly Process? _process;
    private readonly string? _dataDirectory;
    private readonly Queue<string> _lastErrors = new();
    private readonly List<string> _output = [];
    private readonly List<(string Fragment, TaskCompletionSource<string> Seen)> _watches = [];
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _startTimeout;

    private ServerHost(Uri baseAddress, Process? process, string? dataDirectory, TimeSpan? pollInterval = null, TimeSpan? startTimeout = null)
    {
        BaseAddress = baseAddress;
        _process = process;
        _dataDirectory = dataDirectory;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        _startTimeout = startTimeout ?? DefaultStartTimeout;
    }

    public Uri BaseAddress { get; }

    /// <summary>Lines the server wrote to stdout (its console log); the last few lines of both streams are kept for <see cref="DeathNotice"/>.</summary>
    public int OutputLines { get; private set; }

    public static async Task<ServerHost> StartAsync(string? url, string? serverDll, CancellationToken cancellationToken = default) =>
        await StartAsync(url, serverDll, new Dictionary<string, string>(), cancellationToken);

    /// <summary>As above, with extra settings for a server started here (environment variables such as <c>Memory__Embeddings__Provider</c>).</summary>
    public static async Task<ServerHost> StartAsync(string? url, string? serverDll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        if (url is not null)
        {
            var attached = new ServerHost(new Uri(url.TrimEnd('/') + "/"), null, null);
            await attached.WaitUntilHealthyAsync(cancellationToken);
            return attached;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "memory-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        return await StartAsync(serverDll ?? FindServerDll(), dataDirectory, ownsDirectory: true, settings, null, null, cancellationToken);
    }

    /// <summary>
    /// The built server on an existing data directory (left in place on dispose), asking for health every
    /// <paramref name="pollInterval"/> for up to 10 minutes: the start-up benchmark times how soon it answers.
    /// </summary>
    public static Task<ServerHost> StartOnAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings, TimeSpan pollInterval, string? serverDll = null, CancellationToken cancellationToken = default) =>
        StartAsync(serverDll ?? FindServerDll(), dataDirectory, ownsDirectory: false, settings, pollInterval, TimeSpan.FromMinutes(10), cancellationToken);

    private static async Task<ServerHost> StartAsync(
        string dll, string dataDirectory, bool ownsDirectory, IReadOnlyDictionary<string, string> settings, TimeSpan? pollInterval, TimeSpan? startTimeout, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root is the working directory: run next to the dll so its appsettings.json is the one used.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        start.Environment["Memory__Local__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start 'dotnet {dll}'.");
        var host = new ServerHost(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")), process, ownsDirectory ? dataDirectory : null, pollInterval, startTimeout);
        // Drain both pipes: a full pipe would block the server's console logger and, with it, requests.
        process.OutputDataReceived += (_, line) =>
        {
            host.OutputLines++;
            host.Remember(line.Data);
            host.Watch(line.Data);
        };
        process.ErrorDataReceived += (_, line) => host.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Null while the server started here runs (or for an attached one); otherwise its exit code and last output lines.</summary>
    public string? DeathNotice()
    {
        if (_process is null || !_process.HasExited)
        {
            return null;
        }

        lock (_lastErrors)
        {
            return $"the server process exited with code {_process.ExitCode}; last output: {string.Join(" | ", _lastErrors)}";
        }
    }

    /// <summary>VmRSS of the server process in bytes (Linux), or null when the server was not started here.</summary>
    public long? ResidentBytes()
    {
        if (_process is null || _process.HasExited)
        {
            return null;
        }

        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{_process.Id}/status");
        if (!File.Exists(path))
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        return null;
    }

    /// <summary>CPU time the server process has used so far (user + system), or null when the server was not started here.</summary>
    public TimeSpan? CpuTime()
    {
        if (_process is null || _process.HasExited)
        {
            return null;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// Waits at least <paramref name="minimum"/>, then until the server's CPU time grows by less than
    /// <see cref="IdleCpuPerWindow"/> in each of <see cref="QuietWindows"/> <see cref="IdleWindow"/>s in a row (at most
    /// <see cref="SettleLimit"/> in all, then it says so on stderr): after a long
    /// ingestion the runtime goes on for seconds recompiling the methods it found hot at its optimising tier, and a
    /// measurement that starts meanwhile charges that one-time work to whatever it times. An attached server (no process
    /// to read) waits the minimum only. Returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> SettleAsync(TimeSpan minimum, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(minimum, cancellationToken);
        var (before, quiet) = (CpuTime(), 0);
        while (before is { } cpu && quiet < QuietWindows)
        {
            if (Stopwatch.GetElapsedTime(started) >= SettleLimit)
            {
                Console.Error.WriteLine($"warning: the server's CPU did not go quiet within {SettleLimit.TotalSeconds:F0} s; measuring anyway");
                break;
            }

            await Task.Delay(IdleWindow, cancellationToken);
            before = CpuTime();
            quiet = before - cpu < IdleCpuPerWindow ? quiet + 1 : 0;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"warning: server process {_process.Id} did not exit within 10 s of being killed.");
            }

            _process.Dispose();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(BaseAddress, "api/health");
        var deadline = Stopwatch.GetTimestamp() + (long)(_startTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy: {string.Join(" | ", _lastErrors)}");
            }

            try
            {
                using var response = await client.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer on a busy machine: ask again.
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }

        throw new TimeoutException($"{health} was not healthy within {_startTimeout.TotalSeconds:F0} s.");
    }

    /// <summary>The first line of the server's stdout (of its first 10,000 lines) that contains <paramref name="fragment"/>.</summary>
    public async Task<string> WaitForOutputAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.Find(line => line.Contains(fragment, StringComparison.Ordinal)) is { } earlier)
            {
                return earlier;
            }

            _watches.Add((fragment, seen));
        }

        return await seen.Task.WaitAsync(timeout, cancellationToken);
    }

    private void Watch(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Count < 10_000)
            {
                _output.Add(line);
            }

            foreach (var watch in _watches.Where(watch => line.Contains(watch.Fragment, StringComparison.Ordinal)).ToList())
            {
                watch.Seen.TrySetResult(line);
                _watches.Remove(watch);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastErrors)
        {
            _lastErrors.Enqueue(line);
            if (_lastErrors.Count > 40)
            {
                _lastErrors.Dequeue();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server built next to this benchmark (same configuration): the csproj references it so it is always built.</summary>
    private static string FindServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MemoryFunctions.sln")))
            {
                var dll = Path.Combine(directory.FullName, "src", "Memory.Server", "bin", configuration, "net10.0", "Memory.Server.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: dotnet build -c {configuration} src/Memory.Server (or pass --server-dll).", dll);
            }
        }

        throw new FileNotFoundException("MemoryFunctions.sln not found above the benchmark; pass --server-dll <path to Memory.Server.dll> or --url.");
    }
}
