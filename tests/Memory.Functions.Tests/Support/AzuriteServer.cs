using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// Azurite, the Azure Storage emulator (npm package <c>azurite</c>, version pinned where <c>.ci/run</c> installs it), started
/// on free loopback ports with in-memory persistence for the tests that run the Durable Task Azure Storage backend. It is
/// found on PATH or at <c>AZURITE_PATH</c>. Without it, or when it does not start listening, a test fails in CI (<c>CI</c> is
/// set) and is skipped elsewhere, saying why (how to install it, or the emulator's exit code and last stderr lines).
/// </summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's documented development account (docs: "Use Azurite for local Azure Storage development").</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Why no Azurite could be started, when none was; null once one runs.</summary>
    public static string? MissingReason { get; private set; }

    public static async Task<AzuriteServer?> TryStartAsync()
    {
        var executable = Find();
        if (executable is null)
        {
            MissingReason = "Azurite is not installed: `npm install -g azurite@3.37.0` (what .ci/run does), or set AZURITE_PATH.";
            return null;
        }

        var (blob, queue, table) = (LoopbackPort.Next(), LoopbackPort.Next(), LoopbackPort.Next());
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var errors = new ConcurrentQueue<string>();
        var process = Process.Start(start);
        if (process is null)
        {
            MissingReason = $"Azurite at {executable} did not start.";
            return null;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => errors.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, blob, queue, table);
        try
        {
            await server.WaitUntilListeningAsync([blob, queue, table]);
            return server;
        }
        catch (Exception failure) when (failure is InvalidOperationException or SocketException)
        {
            await server.DisposeAsync();
            MissingReason = $"Azurite at {executable} could not start: {failure.Message} Its stderr: {string.Join(" | ", errors.TakeLast(5))}";
            return null;
        }
    }

    /// <summary>Skips the test outside CI when Azurite is missing or cannot start (saying why); fails it in CI, where .ci/run must have installed it.</summary>
    public static void Require(AzuriteServer? server)
    {
        if (server is not null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"{MissingReason} CI must run these tests.");
        }

        Skip.If(true, MissingReason);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(int[] ports)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on {port}.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "azurite"))
            .FirstOrDefault(File.Exists);
    }
}
