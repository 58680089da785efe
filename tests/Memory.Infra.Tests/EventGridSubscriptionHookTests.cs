namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// infra/hooks/eventgrid-subscription.sh against an <c>az</c> stand-in: the subscription is a CloudEvents WebHook to
/// /api/eventgrid?code=key with the scoped Event Grid key the preprovision hook made (function keys grant nothing in
/// the worker), no function key is read or made, and the key never reaches the hook's output.
/// </summary>
public sealed class EventGridSubscriptionHookTests : IDisposable
{
    private static readonly string[] ClearedVariables = ["EVENTGRID_SUBSCRIPTION_NAME"];

    private static readonly Dictionary<string, string> Outputs = new()
    {
        ["SERVICE_API_URI"] = "https://func-api-x.azurewebsites.net/api",
        ["EVENTGRID_TOPIC_ID"] = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.EventGrid/topics/evgt-x",
        ["EVENTGRID_EVENT_TYPE"] = "MemoryFunctions.Conversation.Turns",
        ["MEMORY_EVENTGRID_KEY"] = "mfk_scoped-eventgrid-key",
    };

    private readonly HookSandbox _sandbox = new();

    public EventGridSubscriptionHookTests() =>
        // Every az call is logged; only the subscription call is expected.
        _sandbox.WriteStub("az", """
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> "$STUB_DIR/az-calls"
            case "$1 $2 $3 $4" in
              "eventgrid event-subscription create --name") ;;
              *) echo "unexpected: az $*" >&2; exit 2 ;;
            esac
            """);

    public void Dispose() => _sandbox.Dispose();

    [SkippableFact]
    public void SubscribesTheWebhook_WithTheScopedEventGridKey_AndNoFunctionKey()
    {
        HookSandbox.SkipUnlessHooksRun();

        var result = _sandbox.Run("eventgrid-subscription.sh", Outputs, ClearedVariables);

        Assert.True(result.ExitCode == 0, result.Output);
        var subscribe = Assert.Single(_sandbox.ReadLines("az-calls"));
        Assert.StartsWith("eventgrid event-subscription create", subscribe, StringComparison.Ordinal);
        Assert.Contains("--endpoint-type webhook", subscribe, StringComparison.Ordinal);
        Assert.Contains("--endpoint https://func-api-x.azurewebsites.net/api/eventgrid?code=mfk_scoped-eventgrid-key ", subscribe, StringComparison.Ordinal);
        Assert.Contains("--event-delivery-schema cloudeventschemav1_0", subscribe, StringComparison.Ordinal);
        Assert.Contains("--included-event-types MemoryFunctions.Conversation.Turns", subscribe, StringComparison.Ordinal);
        Assert.Contains("--name conversation-turns", subscribe, StringComparison.Ordinal);
        Assert.DoesNotContain("mfk_scoped-eventgrid-key", result.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("SERVICE_API_URI")]
    [InlineData("MEMORY_EVENTGRID_KEY")]
    public void MissingValue_FailsNamingIt_BeforeCallingAzure(string name)
    {
        HookSandbox.SkipUnlessHooksRun();
        var outputs = new Dictionary<string, string>(Outputs) { [name] = string.Empty };

        var result = _sandbox.Run("eventgrid-subscription.sh", outputs, ClearedVariables);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{name} is not set", result.Output, StringComparison.Ordinal);
        Assert.Empty(_sandbox.ReadLines("az-calls"));
    }
}
