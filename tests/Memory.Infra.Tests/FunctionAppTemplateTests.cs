using System.Text.Json.Nodes;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// The Function app in the compiled template is what the official Flex Consumption quickstarts deploy: an FC1 Linux
/// plan, a dotnet-isolated 10.0 app that pulls its package from a blob container with the user-assigned identity,
/// and identity-based host storage with keyless Application Insights.
/// </summary>
public sealed class FunctionAppTemplateTests
{
    [SkippableFact]
    public void Plan_IsFlexConsumptionFc1OnLinux()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var plan = CompiledInfra.Template.OnlyOne("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json["sku"]?["name"]?.ToString());
        Assert.Equal("FlexConsumption", plan.Json["sku"]?["tier"]?.ToString());
        Assert.True(plan.Properties["reserved"]?.GetValue<bool>(), "reserved must be true: Flex Consumption is Linux only.");
    }

    [SkippableFact]
    public void Site_IsALinuxFunctionAppOnThePlan_WithTheUserAssignedIdentityOnly()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var site = Site();

        Assert.Equal("functionapp,linux", site.Json["kind"]?.ToString());
        Assert.Contains("'Microsoft.Web/serverfarms'", site.Properties["serverFarmId"]?.ToString(), StringComparison.Ordinal);
        Assert.Equal("UserAssigned", site.Json["identity"]?["type"]?.ToString());
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], site.Json["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.True(site.Properties["httpsOnly"]?.GetValue<bool>());
        // azd deploys the "api" service of azure.yaml to the site carrying this tag.
        Assert.Contains("createObject('azd-service-name', parameters('serviceName'))", site.Json["tags"]?.ToString(), StringComparison.Ordinal);
        Assert.Equal("api", site.Template.ParameterValue("serviceName")?.ToString());
    }

    [SkippableFact]
    public void Site_RunsDotnetIsolated10()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var runtime = Site().Properties["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", runtime["name"]?.ToString());
        Assert.Equal(Expressions.Parameter("runtimeVersion"), runtime["version"]?.ToString());
        Assert.Equal("10.0", Site().Template.ParameterValue("runtimeVersion")?.ToString());
    }

    [SkippableFact]
    public void Site_DeploysFromABlobContainerReachedWithTheUserAssignedIdentity_AndThatContainerIsCreated()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var site = Site();
        var storage = site.Properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", storage["type"]?.ToString());
        Assert.Equal("[format('{0}{1}', parameters('storageBlobEndpoint'), parameters('deploymentContainerName'))]", storage["value"]?.ToString());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]?["type"]?.ToString());
        Assert.Equal(Expressions.Parameter("identityId"), storage["authentication"]?["userAssignedIdentityResourceId"]?.ToString());

        // The container the app deploys from is the one the storage module creates, under the name main derives.
        Assert.Equal("[reference('storage').outputs.deploymentContainerName.value]", site.Template.ParameterValue("deploymentContainerName")?.ToString());
        var storageModule = CompiledInfra.Template.Module("storage");
        Assert.Equal(Expressions.Parameter("deploymentContainerName"), storageModule.Template.Outputs["deploymentContainerName"]?["value"]?.ToString());
        var container = storageModule.Template.OnlyOne("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.EndsWith("parameters('deploymentContainerName'))]", container.Name, StringComparison.Ordinal);
        Assert.Equal(Expressions.Variable("deploymentContainerName"), storageModule.Passed("deploymentContainerName")?.ToString());
    }

    [SkippableFact]
    public void HostStorage_IsIdentityBased_WithBlobQueueAndTableUris()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var settings = AppSettings.All();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(Expressions.Parameter("identityClientId"), settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal(Expressions.Parameter("storageBlobEndpoint"), settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal(Expressions.Parameter("storageQueueEndpoint"), settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal(Expressions.Parameter("storageTableEndpoint"), settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, key => key.StartsWith("WEBSITE_CONTENT", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public void ApplicationInsights_IngestsWithEntraAuthOnly()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var settings = AppSettings.All();

        Assert.Equal("[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal(Expressions.Parameter("applicationInsightsConnectionString"), settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var component = CompiledInfra.Template.OnlyOne("Microsoft.Insights/components");
        Assert.True(component.Properties["DisableLocalAuth"]?.GetValue<bool>(), "Application Insights must refuse instrumentation-key-only ingestion.");
    }

    [SkippableFact]
    public void AppSettings_AreTheUnionOfTheAppsTheWorkersEntraKeysAndTheHostsSettings_WithNoNameInBoth()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var config = Assert.Single(CompiledInfra.Template.OfType("Microsoft.Web/sites/config"), config => config.Name.EndsWith("'appsettings')]", StringComparison.Ordinal));

        Assert.Equal("[union(parameters('appSettings'), parameters('entraAppSettings'), parameters('keyAppSettings'), variables('hostSettings'))]", config.Json["properties"]?.ToString());
        Assert.Empty(AppSettings.App().Keys.Intersect(AppSettings.Host().Keys));
    }

    internal static ArmResource Site() => CompiledInfra.Template.OnlyOne("Microsoft.Web/sites");
}

/// <summary>The app settings the template gives the Function app: the app's own (passed by main) and the host's.</summary>
internal static class AppSettings
{
    public static Dictionary<string, string> App() => ToDictionary(CompiledInfra.Template.Module("api").Passed("appSettings")!.AsObject());

    public static Dictionary<string, string> Host() => ToDictionary(CompiledInfra.Template.Module("api").Template.Variables["hostSettings"]!.AsObject());

    public static Dictionary<string, string> All() => App().Concat(Host()).ToDictionary();

    private static Dictionary<string, string> ToDictionary(JsonObject settings) =>
        settings.ToDictionary(entry => entry.Key, entry => entry.Value?.ToString() ?? string.Empty);
}
