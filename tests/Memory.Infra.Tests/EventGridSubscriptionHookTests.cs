namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// infra/hooks/eventgrid-subscription.sh against an <c>az</c> stand-in: both functions behind /api/eventgrid (POST
/// and the OPTIONS handshake) get one function key, the subscription is a CloudEvents WebHook to
/// /api/eventgrid?code=key, and the key is reused on a re-run rather than rotated.
/// </summary>
public sealed class EventGridSubscriptionHookTests : IDisposable
{
    private static readonly string[] ClearedVariables = ["EVENTGRID_SUBSCRIPTION_NAME"];

    private static readonly Dictionary<string, string> Outputs = new()
    {
        ["RESOURCE_GROUP"] = "rg-test",
        ["AZURE_FUNCTION_APP_NAME"] = "func-api-x",
        ["SERVICE_API_URI"] = "https://func-api-x.azurewebsites.net/api",
        ["EVENTGRID_TOPIC_ID"] = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.EventGrid/topics/evgt-x",
        ["EVENTGRID_EVENT_TYPE"] = "MemoryFunctions.Conversation.Turns",
    };

    private readonly HookSandbox _sandbox = new();

    public EventGridSubscriptionHookTests() =>
        // Function keys live in STUB_DIR/keys-<function> as name=value lines; every az call is logged.
        _sandbox.WriteStub("az", """
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> "$STUB_DIR/az-calls"
            option() { local wanted="$1"; shift; while (( $# )); do [[ "$1" == "$wanted" ]] && { printf '%s' "$2"; return; }; shift; done; }
            case "$1 $2 $3 $4" in
              "functionapp function list -g")
                printf '[{"name":"func-api-x/ReceiveEventGridEvents","invokeUrlTemplate":"https://func-api-x.azurewebsites.net/api/eventgrid"},
                         {"name":"func-api-x/EventGridAbuseProtection","invokeUrlTemplate":"https://func-api-x.azurewebsites.net/api/EventGrid"},
                         {"name":"func-api-x/SearchMemories","invokeUrlTemplate":"https://func-api-x.azurewebsites.net/api/users/{userId}/search"}]' ;;
              "functionapp function keys list")
                file="$STUB_DIR/keys-$(option --function-name "$@")"
                jq -Rn '[inputs | select(length > 0) | split("=") | {(.[0]): .[1]}] | add // {}' < <(cat "$file" 2>/dev/null) ;;
              "functionapp function keys set")
                value="$(option --key-value "$@")"; value="${value:-generated-key}"
                printf '%s=%s\n' "$(option --key-name "$@")" "$value" >> "$STUB_DIR/keys-$(option --function-name "$@")"
                [[ "$(option --output "$@")" == "none" ]] || printf '%s\n' "$value" ;;
              "eventgrid event-subscription create --name") ;;
              *) echo "unexpected: az $*" >&2; exit 2 ;;
            esac
            """);

    public void Dispose() => _sandbox.Dispose();

    [SkippableFact]
    public void FirstRun_CreatesOneKey_SetsItOnBothEventGridFunctions_AndSubscribesTheWebhook()
    {
        HookSandbox.SkipUnlessHooksRun();

        var result = _sandbox.Run("eventgrid-subscription.sh", Outputs, ClearedVariables);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("eventgrid=generated-key", _sandbox.ReadLines("keys-ReceiveEventGridEvents"));
        Assert.Contains("eventgrid=generated-key", _sandbox.ReadLines("keys-EventGridAbuseProtection"));
        Assert.Empty(_sandbox.ReadLines("keys-SearchMemories"));
        var subscribe = Assert.Single(_sandbox.ReadLines("az-calls"), call => call.StartsWith("eventgrid event-subscription create", StringComparison.Ordinal));
        Assert.Contains("--endpoint-type webhook", subscribe, StringComparison.Ordinal);
        Assert.Contains("--endpoint https://func-api-x.azurewebsites.net/api/eventgrid?code=generated-key ", subscribe, StringComparison.Ordinal);
        Assert.Contains("--event-delivery-schema cloudeventschemav1_0", subscribe, StringComparison.Ordinal);
        Assert.Contains("--included-event-types MemoryFunctions.Conversation.Turns", subscribe, StringComparison.Ordinal);
        Assert.Contains("--name conversation-turns", subscribe, StringComparison.Ordinal);
        Assert.DoesNotContain("generated-key", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ReRun_ReusesTheExistingKey()
    {
        HookSandbox.SkipUnlessHooksRun();
        _sandbox.WriteFile("keys-EventGridAbuseProtection", "eventgrid=kept-key\n");

        var result = _sandbox.Run("eventgrid-subscription.sh", Outputs, ClearedVariables);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("eventgrid=kept-key", _sandbox.ReadLines("keys-ReceiveEventGridEvents"));
        Assert.Contains(_sandbox.ReadLines("az-calls"), call => call.Contains("?code=kept-key ", StringComparison.Ordinal));
        Assert.DoesNotContain(_sandbox.ReadLines("az-calls"), call => call.Contains("generated-key", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void MissingOutput_FailsNamingIt()
    {
        HookSandbox.SkipUnlessHooksRun();
        var outputs = new Dictionary<string, string>(Outputs) { ["SERVICE_API_URI"] = string.Empty };

        var result = _sandbox.Run("eventgrid-subscription.sh", outputs, ClearedVariables);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SERVICE_API_URI is not set", result.Output, StringComparison.Ordinal);
        Assert.Empty(_sandbox.ReadLines("az-calls"));
    }
}
