using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// infra/ compiles and lints offline with zero findings, uses no registry module, and is type-checked deeply enough
/// that a misspelled property of the Function app is caught.
/// </summary>
public sealed partial class BicepCompilationTests
{
    [SkippableFact]
    public void Build_SucceedsWithNoErrorOrWarning()
    {
        CompiledInfra.SkipUnlessBicepRuns();

        Assert.True(CompiledInfra.Build.ExitCode == 0, CompiledInfra.Build.Output);
        Assert.Empty(Diagnostics(CompiledInfra.Build));
        Assert.NotEmpty(CompiledInfra.Template.AllResources);
    }

    [SkippableFact]
    public void Lint_ReportsNothing()
    {
        CompiledInfra.SkipUnlessBicepRuns();

        Assert.True(CompiledInfra.Lint.ExitCode == 0, CompiledInfra.Lint.Output);
        Assert.Empty(Diagnostics(CompiledInfra.Lint));
    }

    [Fact]
    public void Infra_ReferencesNoRegistryModuleOrTemplateSpec()
    {
        var bicepFiles = Directory.GetFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories);
        Assert.NotEmpty(bicepFiles);
        foreach (var file in bicepFiles)
        {
            var registryReferences = RegistryReference().Matches(File.ReadAllText(file)).Select(match => match.Value).ToList();
            Assert.True(registryReferences.Count == 0, $"{Path.GetRelativePath(RepoPaths.Root, file)} references {string.Join(", ", registryReferences)}: these need a registry, which is not reachable offline.");
        }
    }

    [SkippableFact]
    public void Build_OfTheAppWithAMisspelledFunctionAppProperty_ReportsIt()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var directory = Directory.CreateTempSubdirectory("memory-infra-typo-");
        try
        {
            var api = File.ReadAllText(Path.Combine(RepoPaths.Infra, "app", "api.bicep"));
            Assert.Contains("scaleAndConcurrency:", api, StringComparison.Ordinal);
            var misspelled = Path.Combine(directory.FullName, "api.bicep");
            File.WriteAllText(misspelled, api.Replace("scaleAndConcurrency:", "scaleAndConcurency:", StringComparison.Ordinal));

            var build = BicepCli.Run("build", misspelled, "--stdout");

            Assert.Contains(Diagnostics(build), line => line.Contains("BCP089", StringComparison.Ordinal) && line.Contains("scaleAndConcurency", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // "path(line,col) : Error BCP...: ..." / "... : Warning no-unused-params: ..." and the like, one per line.
    private static List<string> Diagnostics(ToolResult result) =>
        [.. result.Output.Split('\n').Where(line => DiagnosticLine().IsMatch(line))];

    [GeneratedRegex(@"\)\s*:\s*(Error|Warning|Info)\s")]
    private static partial Regex DiagnosticLine();

    // module x 'br:registry/...' , 'br/public:...' or 'ts:...' (template specs).
    [GeneratedRegex(@"'(br[:/]|ts[:/])[^']*'")]
    private static partial Regex RegistryReference();
}
