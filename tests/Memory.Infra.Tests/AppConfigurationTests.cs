using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Http;
using MemoryFunctions.OpenAI;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// The app settings name only options the code binds, supply every Cosmos and model option the deployment must
/// decide (the rest are listed here with the reason they stay at their defaults), and agree with host.json on the
/// Durable Functions task hub.
/// </summary>
public sealed partial class AppConfigurationTests
{
    // Options classes the Functions host binds from "Memory:*" (environment: Memory__*).
    private static readonly Type[] BoundOptions =
        [typeof(CosmosMemoryOptions), typeof(OpenAIModelOptions), typeof(RankingOptions), typeof(IngestionOptions), typeof(MemoryHttpOptions), typeof(MemoryAuthOptions)];

    // Options of the two services the template provisions that it deliberately leaves at their defaults.
    private static readonly Dictionary<string, string> LeftAtDefault = new()
    {
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.Key))] = "keyless: DefaultAzureCredential with the app identity",
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.FullTextSearch))] = "on by default, and the container has a full-text index",
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.MaxRetryAttemptsOnRateLimitedRequests))] = "the SDK retry defaults suit serverless",
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.MaxRetryWaitTimeOnRateLimitedRequests))] = "the SDK retry defaults suit serverless",
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.UseGatewayMode))] = "for the emulator only; Direct mode in Azure",
        [Key<CosmosMemoryOptions>(nameof(CosmosMemoryOptions.UsageCacheDuration))] = "5 s bounds both the quotas' overshoot and the COUNT queries' cost (docs/cosmos.md, Tenant usage)",
        [Key<OpenAIModelOptions>(nameof(OpenAIModelOptions.ApiKey))] = "keyless: an Azure endpoint without a key uses Entra ID",
        [Key<OpenAIModelOptions>(nameof(OpenAIModelOptions.AuthMode))] = "chosen from the endpoint (Azure, no key: Entra ID)",
        [Key<OpenAIModelOptions>(nameof(OpenAIModelOptions.TimeoutSeconds))] = "default per-attempt timeout",
        [Key<OpenAIModelOptions>(nameof(OpenAIModelOptions.MaxRetries))] = "default retries of transient failures",
        [Key<OpenAIModelOptions>(nameof(OpenAIModelOptions.Temperature))] = "none sent: the deployed reasoning model accepts only its default",
    };

    [SkippableFact]
    public void EveryMemorySetting_NamesAnOptionTheCodeBinds()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var bindable = BoundOptions.SelectMany(SettingNames).ToHashSet();

        var memorySettings = AppSettings.All().Keys.Where(name => name.StartsWith("Memory__", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(memorySettings);
        Assert.All(memorySettings, name => Assert.True(bindable.Contains(name), $"{name} binds to no option property."));
    }

    [SkippableTheory]
    [InlineData(typeof(CosmosMemoryOptions))]
    [InlineData(typeof(OpenAIModelOptions))]
    public void EveryOptionOfAProvisionedService_IsSetOrDeliberatelyLeftAtItsDefault(Type options)
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var settings = AppSettings.All();

        foreach (var name in SettingNames(options))
        {
            Assert.True(
                settings.ContainsKey(name) ^ LeftAtDefault.ContainsKey(name),
                settings.ContainsKey(name) ? $"{name} is set but also listed as left at its default." : $"{name} is neither set by the template nor listed in LeftAtDefault with a reason.");
        }
    }

    [SkippableFact]
    public void TheApp_ReachesCosmosAndModelsAsProvisioned_AndDoesNotCreateTheContainer()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var settings = AppSettings.App();

        Assert.Equal("[reference('cosmos').outputs.endpoint.value]", settings["Memory__Cosmos__AccountEndpoint"]);
        Assert.Equal("[reference('cosmos').outputs.databaseName.value]", settings["Memory__Cosmos__DatabaseName"]);
        Assert.Equal("[reference('cosmos').outputs.containerName.value]", settings["Memory__Cosmos__ContainerName"]);
        Assert.Equal("false", settings["Memory__Cosmos__CreateIfNotExists"]);
        Assert.Equal("[reference('openAi').outputs.endpoint.value]", settings["Memory__OpenAI__Endpoint"]);
        Assert.Equal("[reference('openAi').outputs.chatDeploymentName.value]", settings["Memory__OpenAI__ChatModel"]);
        Assert.Equal("[reference('openAi').outputs.embeddingDeploymentName.value]", settings["Memory__OpenAI__EmbeddingModel"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", settings["AZURE_CLIENT_ID"]);
    }

    [SkippableFact]
    public void TaskHub_IsTheParameterHostJsonReads_AndItsDefaultFollowsTheNamingRule()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var hostJson = JsonNode.Parse(File.ReadAllText(RepoPaths.HostJson))!;
        var parameter = CompiledInfra.Template.Parameters["durableTaskHubName"]!;

        Assert.Equal("%TASKHUB_NAME%", hostJson["extensions"]?["durableTask"]?["hubName"]?.ToString());
        Assert.Equal(Expressions.Parameter("durableTaskHubName"), AppSettings.App()["TASKHUB_NAME"]);
        Assert.Equal(3, parameter["minLength"]?.GetValue<int>());
        Assert.Equal(45, parameter["maxLength"]?.GetValue<int>());
        Assert.Matches(TaskHubName(), parameter["defaultValue"]!.ToString());
    }

    internal static IEnumerable<string> SettingNames(Type options)
    {
        var section = (string)options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
        return options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod?.IsPublic == true)
            .Select(property => $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}");
    }

    private static string Key<TOptions>(string property) => SettingNames(typeof(TOptions)).Single(name => name.EndsWith($"__{property}", StringComparison.Ordinal));

    // Durable Functions, Azure Storage backend: 3-45 characters, letters and digits, starting with a letter.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    internal static partial Regex TaskHubName();
}
