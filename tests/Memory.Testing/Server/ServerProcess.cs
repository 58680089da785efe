using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// The real local server (<c>dotnet Memory.Server.dll</c>) as a child process on a loopback port and a data directory
/// of the caller's choosing, for tests and tools that must kill it the hard way (SIGKILL) and start it again.
/// </summary>
/// <remarks>
/// Standard output and error are drained continuously (a full pipe would block the server's logging) into a bounded
/// tail kept for failure messages. <see cref="DisposeAsync"/> kills whatever is still running, so a process started
/// here never outlives its owner's <c>await using</c>.
/// </remarks>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailGate = new();
    private int _resumedOperations = -1;
    private int _disposed;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>How many unfinished operations the ingestion runner said it resumed at start-up (event 2500), or null before it said so.</summary>
    public int? ResumedOperations => Volatile.Read(ref _resumedOperations) is var count and >= 0 ? count : null;

    /// <summary>Starts the server and returns once <c>GET /api/health</c> answers 200 (bounded by <paramref name="startTimeout"/>).</summary>
    public static async Task<ServerProcess> StartAsync(
        string serverDll, string dataDirectory, int port, TimeSpan startTimeout, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverDll);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        // The host that runs `dotnet test` / `dotnet run` (DOTNET_HOST_PATH), so the server runs on the same SDK's runtime.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["Memory__Local__DataDirectory"] = dataDirectory;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, line) => server.Record(line.Data);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(startTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL (the whole process tree), then waits (bounded) until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (!_process.WaitForExit(ExitWait))
        {
            throw new TimeoutException($"Server process {_process.Id} did not exit within {ExitWait.TotalSeconds:0} s of SIGKILL.");
        }
    }

    /// <summary>Waits (bounded) until the runner has logged how many operations it resumed.</summary>
    public async Task<int> WaitForResumedOperationsAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (ResumedOperations is null)
        {
            if (deadline.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"The server did not report resumed operations within {timeout.TotalSeconds:0} s.\n{OutputTail()}");
            }

            await Task.Delay(20, cancellationToken);
        }

        return ResumedOperations.Value;
    }

    /// <summary>The last lines the server wrote (stdout and stderr interleaved), for failure messages.</summary>
    public string OutputTail()
    {
        lock (_tailGate)
        {
            return string.Join('\n', _tail);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing to kill.
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} while starting.\n{OutputTail()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The server did not answer /api/health within {timeout.TotalSeconds:0} s.\n{OutputTail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
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
                // Listening but slow to answer while it starts; ask again.
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (ResumedPattern().Match(line) is { Success: true } match)
        {
            Volatile.Write(ref _resumedOperations, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }

        lock (_tailGate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    // Event 2500 of the local ingestion runner: "... started with {Workers} workers; resuming {Count} unfinished operations".
    [GeneratedRegex(@"resuming (\d+) unfinished operations", RegexOptions.CultureInvariant)]
    private static partial Regex ResumedPattern();
}
