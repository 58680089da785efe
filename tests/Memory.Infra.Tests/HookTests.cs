using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// The azd hooks agree with the template (every value they require is an output of it or set by azd itself, every
/// parameter they read exists) and the posix hooks pass shellcheck where it is installed.
/// </summary>
public sealed partial class HookTests
{
    // Values azd itself puts in the hooks' environment, outputs aside.
    // azd's own values, and the scoped keys the preprovision hook stores with `azd env set` (the template gets only their hashes).
    private static readonly HashSet<string> SetByAzd = ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_SUBSCRIPTION_ID", "MEMORY_OPERATOR_KEY", "MEMORY_EVENTGRID_KEY"];

    [SkippableFact]
    public void Shellcheck_FindsNothingInThePosixHooks()
    {
        var shellcheck = ToolRunner.FindOnPath("shellcheck");
        Skip.If(shellcheck is null, "shellcheck is not installed (apt-get install shellcheck); the posix hooks were not checked.");
        var scripts = Directory.GetFiles(RepoPaths.Hooks, "*.sh").Select(Path.GetFileName).Order().ToList();
        Assert.Contains("lib.sh", scripts);

        // -x follows `source lib.sh`, resolved from the hooks folder as the scripts' directives expect.
        var result = ToolRunner.Run(shellcheck!, ["-x", .. scripts!], workingDirectory: RepoPaths.Hooks);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void PosixHooks_StartWithAShebang()
    {
        foreach (var script in Directory.GetFiles(RepoPaths.Hooks, "*.sh"))
        {
            Assert.StartsWith("#!/usr/bin/env bash\n", File.ReadAllText(script), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void EveryValueAHookRequires_IsATemplateOutputOrSetByAzd()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var outputs = CompiledInfra.Template.Outputs.Select(output => output.Key).ToHashSet();
        var required = RequiredValues().ToList();

        Assert.Contains(("eventgrid-subscription.sh", "SERVICE_API_URI"), required);
        Assert.Contains(("eventgrid-subscription.ps1", "EVENTGRID_TOPIC_ID"), required);
        Assert.All(required, value => Assert.True(
            outputs.Contains(value.Name) || SetByAzd.Contains(value.Name),
            $"{value.Hook} requires {value.Name}, which neither main.bicep outputs nor azd sets."));
    }

    [SkippableFact]
    public void ParametersFile_NamesOnlyTemplateParameters_AndEveryRequiredOne()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var declared = CompiledInfra.Template.Parameters;
        var passed = ParametersFile()["parameters"]!.AsObject().Select(parameter => parameter.Key).ToList();

        Assert.All(passed, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json passes '{name}', which main.bicep does not declare."));
        var required = declared.Where(parameter => parameter.Value!["defaultValue"] is null).Select(parameter => parameter.Key);
        Assert.All(required, name => Assert.Contains(name, passed));
    }

    [Fact]
    public void ParametersTheHooksRead_AreInTheParametersFile()
    {
        var parameters = ParametersFile()["parameters"]!.AsObject();
        var read = Directory.GetFiles(RepoPaths.Hooks)
            .SelectMany(hook => ParameterRead().Matches(File.ReadAllText(hook)).Select(match => match.Groups["name"].Value))
            .Select(name => name.Replace("${kind}", string.Empty, StringComparison.Ordinal))
            .ToHashSet();

        Assert.Contains("durableTaskHubName", read);
        foreach (var name in read)
        {
            if (name.StartsWith("ModelName", StringComparison.Ordinal) || name.StartsWith("ModelVersion", StringComparison.Ordinal) || name.StartsWith("DeploymentSkuName", StringComparison.Ordinal))
            {
                Assert.True(parameters.ContainsKey($"chat{name}") && parameters.ContainsKey($"embedding{name}"), $"hooks read chat/embedding{name}, missing from main.parameters.json.");
            }
            else
            {
                Assert.True(parameters.ContainsKey(name), $"hooks read parameter '{name}', missing from main.parameters.json.");
            }
        }
    }

    [Fact]
    public void AzureYaml_RunsThePreprovisionAndPostdeployHooks_AndEveryScriptItNamesExists()
    {
        var azureYaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        var scripts = HookScript().Matches(azureYaml).Select(match => match.Groups["path"].Value).ToList();

        Assert.Equal(
            ["./infra/hooks/postdeploy.ps1", "./infra/hooks/postdeploy.sh", "./infra/hooks/preprovision.ps1", "./infra/hooks/preprovision.sh"],
            scripts.Order());
        Assert.All(scripts, script => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, script)), $"azure.yaml runs {script}, which does not exist."));
    }

    private static IEnumerable<(string Hook, string Name)> RequiredValues() =>
        Directory.GetFiles(RepoPaths.Hooks).SelectMany(hook =>
            RequireEnv().Matches(File.ReadAllText(hook))
                .SelectMany(match => NameInList().Matches(match.Groups["names"].Value).Select(name => (Path.GetFileName(hook), name.Value))));

    private static JsonNode ParametersFile() => JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!;

    [GeneratedRegex(@"^\s*run:\s*(?<path>\./infra/hooks/\S+)", RegexOptions.Multiline)]
    private static partial Regex HookScript();

    // require_env A B C (sh) and Require-Env 'A', 'B' (ps1).
    [GeneratedRegex(@"^\s*(require_env|Require-Env)\s+(?<names>[^\r\n#]+)", RegexOptions.Multiline)]
    private static partial Regex RequireEnv();

    [GeneratedRegex(@"[A-Z][A-Z0-9_]+")]
    private static partial Regex NameInList();

    // parameter_value "$parameters" name (sh) and Get-ParameterValue 'name' (ps1).
    [GeneratedRegex(@"(parameter_value\s+""\$parameters""\s+""?|Get-ParameterValue\s+[""'])(?<name>[\w${}]+)")]
    private static partial Regex ParameterRead();
}
