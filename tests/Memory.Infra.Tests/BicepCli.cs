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
