namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled once per test run with the packaged Bicep CLI, plus the diagnostics of that build and of
/// <c>bicep lint</c>. Null members mean the CLI cannot run on this platform (see <see cref="BicepCli.SkipReason"/>).
/// </summary>
public static class CompiledInfra
{
    private static readonly Lazy<(ToolResult Build, ToolResult Lint, ArmTemplate? Template)> Compiled = new(Compile);

    public static ToolResult Build => Compiled.Value.Build;

    public static ToolResult Lint => Compiled.Value.Lint;

    /// <summary>The compiled template; fails the calling test with the compiler output when the build failed.</summary>
    public static ArmTemplate Template => Compiled.Value.Template
        ?? throw new Xunit.Sdk.XunitException($"bicep build failed (exit {Build.ExitCode}):\n{Build.Output}");

    /// <summary>Skips the calling test where the CLI cannot run, saying why.</summary>
    public static void SkipUnlessBicepRuns() => Skip.If(BicepCli.SkipReason is not null, BicepCli.SkipReason);

    private static (ToolResult, ToolResult, ArmTemplate?) Compile()
    {
        var output = Path.Combine(Path.GetTempPath(), $"memory-infra-{Guid.NewGuid():N}.json");
        try
        {
            // Independent runs of a CLI that spends most of its time starting up: run them side by side.
            var lintRun = Task.Run(() => BicepCli.Run("lint", RepoPaths.MainTemplate));
            var build = BicepCli.Run("build", RepoPaths.MainTemplate, "--outfile", output);
            var lint = lintRun.GetAwaiter().GetResult();
            var template = build.ExitCode == 0 && File.Exists(output) ? ArmTemplate.Parse(File.ReadAllText(output)) : null;
            return (build, lint, template);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
