using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package (its build props set <c>BicepPath</c>,
/// which the project bakes into this assembly). Restore brings it; nothing is downloaded when the tests run.
/// </summary>
public static class BicepCli
{
    /// <summary>Why the CLI cannot run here, or null when it can. The package ships a linux-x64 binary only.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    public static string ExecutablePath { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepPath").Value!;

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> and returns its exit code and both streams.</summary>
    public static ToolResult Run(params string[] arguments) => ToolRunner.Run(ExecutablePath, arguments, new Dictionary<string, string>
    {
        // No telemetry, no update check, no network: the template has no registry module to restore.
        ["BICEP_TRACING_ENABLED"] = "false",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    });

    private static string? FindSkipReason()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return $"The Bicep CLI comes from Azure.Bicep.CommandLine.linux-x64, which runs on linux-x64 only; this is {RuntimeInformation.RuntimeIdentifier}.";
        }

        return null;
    }
}

/// <summary>Exit code and output of one tool run.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

internal static class ToolRunner
{
    public static ToolResult Run(
        string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return new ToolResult(process.ExitCode, standardOutput, standardError.GetAwaiter().GetResult());
    }
}
