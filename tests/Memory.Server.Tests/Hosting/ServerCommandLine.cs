using System.Diagnostics;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>Runs the built server with arguments as a person would, for verbs and start-up failures that exit by themselves.</summary>
internal static class ServerCommandLine
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<(int Exit, string Output, string Error)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = ServerBinary.Locate(typeof(ServerCommandLine).Assembly);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Never the developer's port or data: a verb that wrongly starts serving fails fast on port 1 instead.
        info.Environment["Urls"] = "http://127.0.0.1:1";
        info.Environment["Memory__Local__DataDirectory"] = Path.Combine(Path.GetTempPath(), "memory-cli-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', info.ArgumentList)}' did not exit within {Limit.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await output, await error);
    }
}
