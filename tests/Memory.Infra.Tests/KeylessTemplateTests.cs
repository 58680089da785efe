using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>No key anywhere: every service refuses key auth, nothing lists keys, and no output or setting carries one.</summary>
public sealed partial class KeylessTemplateTests
{
    [SkippableTheory]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", true)]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableLocalAuth", true)]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableKeyBasedMetadataWriteAccess", true)]
    [InlineData("Microsoft.CognitiveServices/accounts", "disableLocalAuth", true)]
    [InlineData("Microsoft.EventGrid/topics", "disableLocalAuth", true)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", false)]
    public void Service_RefusesKeys(string type, string property, bool expected)
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var resource = CompiledInfra.Template.OnlyOne(type);

        Assert.Equal(expected, resource.Properties[property]?.GetValue<bool>());
    }

    [SkippableFact]
    public void LogAnalytics_RefusesSharedKeys()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var workspace = CompiledInfra.Template.OnlyOne("Microsoft.OperationalInsights/workspaces");

        Assert.True(workspace.Properties["features"]?["disableLocalAuth"]?.GetValue<bool>());
    }

    [SkippableFact]
    public void Template_CallsNoListFunction()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var json = CompiledInfra.Template.Root.ToJsonString();

        Assert.Empty(ListFunction().Matches(json).Select(match => match.Value));
    }

    [SkippableFact]
    public void Outputs_AreNeitherSecureNorNamedLikeSecrets_InAnyTemplate()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var templates = new[] { CompiledInfra.Template }.Concat(Descendants(CompiledInfra.Template));

        foreach (var template in templates)
        {
            foreach (var (name, output) in template.Outputs)
            {
                Assert.DoesNotContain("secure", output!["type"]!.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.False(SecretName().IsMatch(name), $"{template.Path} output {name} is named like a secret.");
            }
        }
    }

    [SkippableFact]
    public void AppSettings_HoldNoKeyOrConnectionStringWithASecret()
    {
        CompiledInfra.SkipUnlessBicepRuns();

        foreach (var (name, value) in AppSettings.All())
        {
            Assert.False(SecretInValue().IsMatch(value), $"{name} = {value} carries a secret.");
            Assert.False(name.EndsWith("Key", StringComparison.OrdinalIgnoreCase), $"{name} is a key setting; the deployment is keyless.");
        }
    }

    private static IEnumerable<ArmTemplate> Descendants(ArmTemplate template) =>
        template.Modules.SelectMany(module => new[] { module.Template }.Concat(Descendants(module.Template)));

    // listKeys(...), listConnectionStrings(...), listAccountSas(...), list(...) and the like.
    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    [GeneratedRegex("(key|secret|password|sas|token)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(AccountKey=|SharedAccessSignature|SharedAccessKey|InstrumentationKey=)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretInValue();
}
