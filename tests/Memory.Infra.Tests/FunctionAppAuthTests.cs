using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Auth;
using Microsoft.Extensions.Configuration;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// Microsoft Entra ID in front of the Function app (authsettingsV2), configured only when an app registration is named:
/// bearer tokens are validated by the platform and again by the worker with the same issuer and audiences, requests
/// without one reach the worker (scoped API keys), and health and the Event Grid webhook are not looked at.
/// </summary>
public sealed partial class FunctionAppAuthTests
{
    [SkippableFact]
    public void AuthSettings_ExistOnlyWhenAnAppRegistrationIsNamed()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var auth = Auth();

        Assert.Equal("[not(empty(parameters('entraClientId')))]", auth.Json["condition"]?.ToString());
        Assert.Equal("2025-03-01", auth.ApiVersion);
        Assert.Equal(string.Empty, CompiledInfra.Template.Parameters["entraClientId"]?["defaultValue"]?.ToString());
        Assert.Equal(Expressions.Parameter("entraClientId"), CompiledInfra.Template.Module("api").Passed("entraClientId")?.ToString());
    }

    [SkippableFact]
    public void AuthSettings_LetRequestsWithoutATokenThroughToTheWorker_ExceptNone()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var properties = Auth().Properties;
        var validation = properties["globalValidation"]!;

        Assert.True(properties["platform"]?["enabled"]?.GetValue<bool>());
        // Scoped API keys carry no token: the platform must not answer them 401; the worker decides (docs/security.md).
        Assert.False(validation["requireAuthentication"]?.GetValue<bool>());
        Assert.Equal("AllowAnonymous", validation["unauthenticatedClientAction"]?.ToString());
        Assert.True(properties["httpSettings"]?["requireHttps"]?.GetValue<bool>());
        Assert.False(properties["login"]?["tokenStore"]?["enabled"]?.GetValue<bool>());
    }

    [SkippableFact]
    public void AuthSettings_ExcludeHealthAndTheEventGridWebhook_AtTheRoutesTheAppServes()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var auth = Auth();
        var routePrefix = JsonNode.Parse(File.ReadAllText(RepoPaths.HostJson))!["extensions"]?["http"]?["routePrefix"]?.ToString() ?? "api";

        var excluded = auth.Template.Evaluate(auth.Properties["globalValidation"]!["excludedPaths"])!.AsArray().Select(path => path!.ToString());

        Assert.Equal(MemoryHttpEndpoints.RoutePrefix, "/" + routePrefix);
        Assert.Equal([$"{MemoryHttpEndpoints.RoutePrefix}/health", MemoryHttpEndpoints.RoutePrefix + EventGridApi.Route], excluded);
    }

    [SkippableFact]
    public void EntraProvider_UsesTheRegistrationTheIssuerAndAudiencesMainDerives()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var aad = Auth().Properties["identityProviders"]!["azureActiveDirectory"]!;
        var main = CompiledInfra.Template;
        var api = main.Module("api");

        Assert.True(aad["enabled"]?.GetValue<bool>());
        Assert.Equal(Expressions.Parameter("entraClientId"), aad["registration"]?["clientId"]?.ToString());
        Assert.Equal(Expressions.Parameter("entraIssuer"), aad["registration"]?["openIdIssuer"]?.ToString());
        Assert.Equal(Expressions.Parameter("entraAudiences"), aad["validation"]?["allowedAudiences"]?.ToString());
        Assert.Equal(Expressions.Variable("entraIssuer"), api.Passed("entraIssuer")?.ToString());
        Assert.Equal(Expressions.Variable("entraAudiences"), api.Passed("entraAudiences")?.ToString());
        // v2.0 issuer of the named tenant (default: the deployment's own), on the cloud's login endpoint.
        Assert.Equal(
            "[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, if(empty(parameters('entraTenantId')), tenant().tenantId, parameters('entraTenantId')))]",
            main.Variables["entraIssuer"]?.ToString());
        Assert.Equal("[if(empty(parameters('entraClientId')), createArray(), createArray(parameters('entraClientId'), variables('entraAudience')))]", main.Variables["entraAudiences"]?.ToString());
        Assert.Equal("[if(empty(parameters('entraApplicationIdUri')), format('api://{0}', parameters('entraClientId')), parameters('entraApplicationIdUri'))]", main.Variables["entraAudience"]?.ToString());
    }

    [SkippableFact]
    public void Worker_GetsTheSameIssuerAndAudiences_AsItsOwnSettings()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var api = CompiledInfra.Template.Module("api");
        var passed = api.PassedParameters["entraAppSettings"]?.ToString();

        Assert.Equal(
            "[if(empty(parameters('entraClientId')), createObject('value', createObject()), createObject('value', createObject('Memory__Auth__Entra__Authority', variables('entraIssuer'), "
            + "'Memory__Auth__Entra__Audiences__0', parameters('entraClientId'), 'Memory__Auth__Entra__Audiences__1', variables('entraAudience'))))]",
            passed);
    }

    [Fact]
    public void Parameters_AzdEnvironmentVariablesNameTheRegistration()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]!;

        Assert.Equal("${MEMORY_ENTRA_CLIENT_ID}", parameters["entraClientId"]?["value"]?.ToString());
        Assert.Equal("${MEMORY_ENTRA_TENANT_ID}", parameters["entraTenantId"]?["value"]?.ToString());
        Assert.Equal("${MEMORY_ENTRA_APP_ID_URI}", parameters["entraApplicationIdUri"]?["value"]?.ToString());
    }

    [SkippableFact]
    public void ScopedKeys_TheOperatorAndEventGridKeysBindAsMemoryAuthOptions_FromTheirHashesOnly()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var passed = CompiledInfra.Template.Module("api").Passed("keyAppSettings")?.ToString() ?? string.Empty;
        var pairs = SettingPair().Matches(passed).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value);

        Assert.Equal(
            ["Memory__Auth__Keys__0__Hash", "Memory__Auth__Keys__0__Id", "Memory__Auth__Keys__0__Role", "Memory__Auth__Keys__0__Tenants__0",
             "Memory__Auth__Keys__1__Hash", "Memory__Auth__Keys__1__Id", "Memory__Auth__Keys__1__Role", "Memory__Auth__Keys__1__Tenants__0"],
            pairs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("parameters('operatorKeyHash')", pairs["Memory__Auth__Keys__0__Hash"]);
        Assert.Equal("parameters('eventGridKeyHash')", pairs["Memory__Auth__Keys__1__Hash"]);
        Assert.Equal("parameters('memoryTenant')", pairs["Memory__Auth__Keys__1__Tenants__0"]);

        // The names bind to the options the worker reads: an admin and a write key of the one tenant.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs.ToDictionary(
            pair => pair.Key.Replace("__", ":", StringComparison.Ordinal),
            pair => (string?)(pair.Value.StartsWith("parameters(", StringComparison.Ordinal) ? "x" : pair.Value.Trim('\''))))
            .Build();
        var options = configuration.GetSection(MemoryAuthOptions.SectionName).Get<MemoryAuthOptions>()!;
        Assert.Equal([(MemoryRole.Admin, "azd-operator"), (MemoryRole.Write, "azd-eventgrid")], options.Keys.Select(key => (key.Role, key.Id)));
        Assert.All(options.Keys, key => Assert.Equal(["x"], key.Tenants));

        var parameters = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]!;
        Assert.Equal("${MEMORY_OPERATOR_KEY_HASH}", parameters["operatorKeyHash"]?["value"]?.ToString());
        Assert.Equal("${MEMORY_EVENTGRID_KEY_HASH}", parameters["eventGridKeyHash"]?["value"]?.ToString());
    }

    [GeneratedRegex(@"'(?<name>Memory__Auth__Keys__[A-Za-z0-9_]+)', (?<value>'[^']*'|parameters\('[A-Za-z]+'\))")]
    private static partial Regex SettingPair();

    private static ArmResource Auth() =>
        Assert.Single(CompiledInfra.Template.Module("api").Template.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("authsettingsV2", StringComparison.Ordinal));
}
