using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// infra/hooks/preprovision.sh run against stand-ins for <c>az</c> and <c>azd</c> that answer as Azure would:
/// principal type from token claims, the Flex Consumption location check, the model check, the task hub rule and
/// soft-deleted Azure OpenAI accounts. Real Azure answers are only seen on a real deployment (docs/deploy.md).
/// </summary>
public sealed partial class PreprovisionHookTests : IDisposable
{
    // Values a developer's shell might carry would change the outcome; each run sets them explicitly.
    private static readonly string[] ClearedVariables =
        ["AZURE_PRINCIPAL_TYPE", "AZURE_OPENAI_LOCATION", "AZURE_RESOURCE_GROUP", "DURABLE_TASK_HUB_NAME", "STUB_TOKEN", "STUB_AZ_USER_TYPE",
         "MEMORY_OPERATOR_KEY", "MEMORY_OPERATOR_KEY_HASH", "MEMORY_EVENTGRID_KEY", "MEMORY_EVENTGRID_KEY_HASH"];

    private readonly HookSandbox _sandbox = new();

    public PreprovisionHookTests()
    {
        _sandbox.WriteStub("az", """
            #!/usr/bin/env bash
            case "$*" in
              "account show --query user.type -o tsv") echo "${STUB_AZ_USER_TYPE:-user}" ;;
              "functionapp list-flexconsumption-locations --query [].name -o tsv") printf 'eastus\nsweden central\n' ;;
              "cognitiveservices model list --location "*) cat "$STUB_DIR/models.json" ;;
              "cognitiveservices account list-deleted -o json") cat "$STUB_DIR/deleted.json" ;;
              *) echo "unexpected: az $*" >&2; exit 2 ;;
            esac
            """);
        _sandbox.WriteStub("azd", """
            #!/usr/bin/env bash
            case "$1 $2" in
              "auth token") if [[ -n "${STUB_TOKEN:-}" ]]; then printf '{"token":"%s"}' "$STUB_TOKEN"; else exit 1; fi ;;
              "env set") printf '%s=%s\n' "$3" "$4" >> "$STUB_DIR/azd-env" ;;
              *) echo "unexpected: azd $*" >&2; exit 2 ;;
            esac
            """);
        _sandbox.WriteFile("models.json", Models(retiredChat: false));
        _sandbox.WriteFile("deleted.json", """
            [ { "name": "oai-gone1", "kind": "OpenAI", "id": "/subscriptions/s/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-test/deletedAccounts/oai-gone1" },
              { "name": "oai-other", "kind": "OpenAI", "id": "/subscriptions/s/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-other/deletedAccounts/oai-other" },
              { "name": "cog-test", "kind": "TextAnalytics", "id": "/subscriptions/s/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-test/deletedAccounts/cog-test" } ]
            """);
    }

    public void Dispose() => _sandbox.Dispose();

    [SkippableFact]
    public void ServicePrincipalToken_IsDetected_AndTheEnvironmentsSoftDeletedAccountIsListed()
    {
        var result = Run(new() { ["STUB_TOKEN"] = Token("""{"idtyp":"app","appid":"x"}""") });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(["AZURE_PRINCIPAL_TYPE=ServicePrincipal", "AZURE_OPENAI_SOFT_DELETED_ACCOUNTS=oai-gone1"], AzdEnvironment().Where(line => !line.StartsWith("MEMORY_", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void FirstRun_MakesTheOperatorAndEventGridKeys_WithTheHashTheServerExpects()
    {
        var result = Run([]);

        Assert.True(result.ExitCode == 0, result.Output);
        var environment = AzdEnvironment().Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        foreach (var name in new[] { "MEMORY_OPERATOR_KEY", "MEMORY_EVENTGRID_KEY" })
        {
            var key = environment[name];
            Assert.Matches("^mfk_[0-9a-f]{64}$", key);
            Assert.Equal(MemoryFunctions.Http.Auth.ApiKeyHashes.Hash(key), environment[name + "_HASH"]);
            Assert.DoesNotContain(key, result.Output, StringComparison.Ordinal);
        }

        Assert.NotEqual(environment["MEMORY_OPERATOR_KEY"], environment["MEMORY_EVENTGRID_KEY"]);
    }

    [SkippableFact]
    public void ReRun_KeepsTheKeysItMadeBefore()
    {
        var result = Run(new()
        {
            ["MEMORY_OPERATOR_KEY"] = "mfk_kept", ["MEMORY_OPERATOR_KEY_HASH"] = "sha256:kept",
            ["MEMORY_EVENTGRID_KEY"] = "mfk_kept2", ["MEMORY_EVENTGRID_KEY_HASH"] = "sha256:kept2",
        });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(AzdEnvironment(), line => line.StartsWith("MEMORY_", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void UserToken_IsDetectedAsUser_AndLocationsCompareWithoutSpacesOrCase()
    {
        var result = Run(new() { ["STUB_TOKEN"] = Token("""{"scp":"user_impersonation"}"""), ["AZURE_LOCATION"] = "SwedenCentral" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("AZURE_PRINCIPAL_TYPE=User", AzdEnvironment());
    }

    [SkippableFact]
    public void WithoutAnAzdToken_TheAzureCliLoginDecides()
    {
        var result = Run(new() { ["STUB_AZ_USER_TYPE"] = "servicePrincipal" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("AZURE_PRINCIPAL_TYPE=ServicePrincipal", AzdEnvironment());
    }

    [SkippableFact]
    public void LocationWithoutFlexConsumption_FailsNamingTheOnesThatHaveIt()
    {
        var result = Run(new() { ["AZURE_LOCATION"] = "westindia" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'westindia' does not offer Flex Consumption", result.Output, StringComparison.Ordinal);
        Assert.Contains("eastus", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void RetiredChatModel_Fails()
    {
        _sandbox.WriteFile("models.json", Models(retiredChat: true));

        var result = Run([]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches("does not offer chat model .* for new deployments", result.Output);
    }

    [SkippableFact]
    public void ChatModelOverriddenToOneTheRegionLacks_Fails()
    {
        var result = Run(new() { ["AZURE_OPENAI_CHAT_MODEL"] = "gpt-4o-mini", ["AZURE_OPENAI_CHAT_MODEL_VERSION"] = "2024-07-18" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("chat model gpt-4o-mini version 2024-07-18", result.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ab")]
    [InlineData("memory-hub")]
    [InlineData("1Memory")]
    [InlineData("A123456789012345678901234567890123456789012345")]
    public void InvalidTaskHubName_Fails(string name)
    {
        var result = Run(new() { ["DURABLE_TASK_HUB_NAME"] = name });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not a valid task hub name", result.Output, StringComparison.Ordinal);
    }

    private ToolResult Run(Dictionary<string, string> environment)
    {
        HookSandbox.SkipUnlessHooksRun();
        var variables = new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "test", ["AZURE_LOCATION"] = "eastus" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return _sandbox.Run("preprovision.sh", variables, ClearedVariables);
    }

    private IReadOnlyList<string> AzdEnvironment() => _sandbox.ReadLines("azd-env");

    // What `az cognitiveservices model list` returns for the defaults of main.parameters.json, the chat model
    // retired (inference deprecation in the past) when asked.
    private static string Models(bool retiredChat)
    {
        var model = (string kind, string retirement) => new JsonObject
        {
            ["kind"] = "OpenAI",
            ["model"] = new JsonObject
            {
                ["format"] = "OpenAI",
                ["name"] = Default($"{kind}ModelName"),
                ["version"] = Default($"{kind}ModelVersion"),
                ["deprecation"] = new JsonObject { ["inference"] = retirement },
                ["skus"] = new JsonArray(new JsonObject { ["name"] = Default($"{kind}DeploymentSkuName"), ["deprecationDate"] = "2099-01-01T00:00:00Z" }),
            },
        };
        return new JsonArray(model("chat", retiredChat ? "2020-01-01T00:00:00Z" : "2099-01-01T00:00:00Z"), model("embedding", "2099-01-01T00:00:00Z")).ToJsonString();
    }

    private static string Default(string parameter)
    {
        var raw = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]![parameter]!["value"]!.ToString();
        return DefaultOf().Match(raw) is { Success: true } match ? match.Groups["default"].Value : raw;
    }

    private static string Token(string claims) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(Encoding.UTF8.GetBytes(claims)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.signature";

    [GeneratedRegex(@"^\$\{\w+=(?<default>[^}]*)\}$")]
    private static partial Regex DefaultOf();
}
