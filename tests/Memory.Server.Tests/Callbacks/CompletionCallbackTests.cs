using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Client;
using MemoryFunctions.Server.Tests.Hosting;
using MemoryFunctions.Server.Tests.Properties;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Auth;
using MemoryFunctions.Testing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Callbacks;

/// <summary>
/// Completion callbacks against a receiver on a free loopback port: the signature verifies with the .NET client's helper
/// (and fails for another secret or a changed body), 500s are retried with doubling delays, delivery stops at the bound,
/// a host not allowed (or http where https is required) is a 400 naming <c>callbackUrl</c>, and an erase drops a
/// callback still waiting to be retried.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class CompletionCallbackTests(MemoryServerFixture fixture)
{
    internal const string Secret = "test-callback-secret-of-at-least-32-characters";

    internal static Dictionary<string, string?> Settings(int maxAttempts = 6, string firstRetryDelay = "00:00:01", bool allowHttpLoopback = true) => new()
    {
        ["Memory:Callbacks:AllowedHosts:0"] = "127.0.0.1",
        ["Memory:Callbacks:Secret"] = Secret,
        ["Memory:Callbacks:AllowHttpLoopback"] = allowHttpLoopback ? "true" : "false",
        ["Memory:Callbacks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Memory:Callbacks:FirstRetryDelay"] = firstRetryDelay,
    };

    /// <summary>
    /// A server on its own store: a callback still owed stays in the store, and a server sharing it would deliver it too
    /// (every server queues what its store owes when it starts).
    /// </summary>
    internal static RestartableServer Server(Dictionary<string, string?> settings, TimeProvider clock) =>
        new(settings, services => services.AddSingleton(clock));

    private static string Submission(Uri callbackUrl) =>
        $$"""{"messages":[{"role":"user","content":"I live in Lisbon."}],"callbackUrl":"{{callbackUrl}}"}""";

    [Fact]
    public async Task Callback_OperationSucceeds_SignedNoticeVerifiesWithTheClientHelper()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var clock = new ImmediateTimeProvider();
        await using var server = Server(Settings(), clock);
        var client = server.Client;
        var user = Api.NewUser();

        var (operation, location) = await client.SubmitAsync(user, Submission(receiver.Url));
        var finished = await client.WaitForOperationAsync(location);
        var delivery = (await receiver.WaitForAsync(1))[0];

        var notice = JsonNode.Parse(delivery.Body)!;
        Assert.Equal((string)operation["id"]!, (string)notice["operationId"]!);
        Assert.Equal(user, (string)notice["userId"]!);
        Assert.Equal("default", (string)notice["tenantId"]!);
        Assert.Equal((string)finished["status"]!, (string)notice["status"]!);
        Assert.DoesNotContain("Lisbon", delivery.Body, StringComparison.Ordinal);
        var signature = delivery.Headers[CompletionCallbackSignature.Header];
        Assert.True(CompletionCallbackSignature.Verify(Secret, signature, delivery.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(CompletionCallbackSignature.Verify(Secret + "x", signature, delivery.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(CompletionCallbackSignature.Verify(Secret, signature, delivery.Body.Replace("succeeded", "failed", StringComparison.Ordinal), clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(CompletionCallbackSignature.Verify(Secret, signature, delivery.Body, clock.GetUtcNow().AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(CompletionCallbackSignature.Verify(Secret, null, delivery.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Callback_ReceiverAnswers500Twice_RetriedWithDoublingDelaysAndOneDeliveryId()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500, 500);
        var clock = new ImmediateTimeProvider();
        await using var server = Server(Settings(), clock);
        var client = server.Client;

        var (_, location) = await client.SubmitAsync(Api.NewUser(), Submission(receiver.Url));
        await client.WaitForOperationAsync(location);
        var deliveries = await receiver.WaitForAsync(3);

        await Task.Delay(500);
        Assert.Equal(3, receiver.Deliveries.Count);
        Assert.Single(deliveries.Select(d => d.Headers[CompletionCallbackSignature.DeliveryHeader]).Distinct());
        var delays = clock.RequestedDelays.Where(d => d >= TimeSpan.FromSeconds(1)).ToList();
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public async Task Callback_ReceiverAlwaysFails_GivenUpAfterMaxAttempts()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500, 503, 500, 500, 500, 500, 500, 500);
        var clock = new ImmediateTimeProvider();
        await using var server = Server(Settings(maxAttempts: 4), clock);
        var client = server.Client;

        var (_, location) = await client.SubmitAsync(Api.NewUser(), Submission(receiver.Url));
        await client.WaitForOperationAsync(location);
        await receiver.WaitForAsync(4);

        await Task.Delay(1000);
        Assert.Equal(4, receiver.Deliveries.Count);
    }

    [Fact]
    public async Task Callback_UserErasedWhileARetryWaits_NothingMoreIsSent()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500);
        await using var server = Server(Settings(firstRetryDelay: "00:00:03"), TimeProvider.System);
        var client = server.Client;
        var user = Api.NewUser();

        var (_, location) = await client.SubmitAsync(user, Submission(receiver.Url));
        await receiver.WaitForAsync(1);
        using var erased = await client.DeleteAsync($"/api/users/{user}");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(receiver.Deliveries);
    }

    [Theory]
    [InlineData("https://attacker.example/hook", true, "not in Memory:Callbacks:AllowedHosts")]
    [InlineData("http://127.0.0.1:9/hook", false, "must use https")]
    [InlineData("ftp://127.0.0.1/hook", true, "absolute https URL")]
    [InlineData("https://user:pass@127.0.0.1/hook", true, "without user name")]
    [InlineData("/relative/hook", true, "absolute https URL")]
    public async Task Callback_UrlNotAllowed_400NamingCallbackUrl_NoOperation(string url, bool allowHttpLoopback, string why)
    {
        await using var server = Server(Settings(allowHttpLoopback: allowHttpLoopback), new ImmediateTimeProvider());
        var client = server.Client;
        var user = Api.NewUser();

        using var response = await client.PostAsync($"/api/users/{user}/messages", Api.Json($$"""{"messages":[{"role":"user","content":"I live in Oslo."}],"callbackUrl":"{{url}}"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "callbackUrl");
        Assert.Contains(why, problem["errors"]!["callbackUrl"]![0]!.ToString(), StringComparison.Ordinal);
        using var operations = await client.GetAsync($"/api/users/{user}/operations");
        Assert.Empty((await operations.ReadJsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Callback_NoHostsConfigured_EveryCallbackUrlRefused()
    {
        using var client = fixture.CreateClient();

        using var response = await client.PostAsync($"/api/users/{Api.NewUser()}/messages", Api.Json("""{"messages":[{"role":"user","content":"Hi."}],"callbackUrl":"https://hooks.example/x"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "callbackUrl");
        Assert.Contains("allows no callback hosts", problem["errors"]!["callbackUrl"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_KeysDefaultUrl_UsedWhenTheRequestNamesNone_TheRequestsUrlWins()
    {
        await using var keyReceiver = await CallbackReceiver.StartAsync();
        await using var requestReceiver = await CallbackReceiver.StartAsync();
        await using var server = Server(WithHookedKey(keyReceiver.Url.ToString()), new ImmediateTimeProvider());
        var client = server.Client;
        client.DefaultRequestHeaders.Add("x-functions-key", HookedKey);
        var user = Api.NewUser();

        var (first, firstLocation) = await client.SubmitAsync(user, """{"messages":[{"role":"user","content":"I live in Oslo."}]}""");
        await client.WaitForOperationAsync(firstLocation);
        var (second, secondLocation) = await client.SubmitAsync(user, Submission(requestReceiver.Url));
        await client.WaitForOperationAsync(secondLocation);

        Assert.Equal((string)first["id"]!, (string)JsonNode.Parse((await keyReceiver.WaitForAsync(1))[0].Body)!["operationId"]!);
        Assert.Equal((string)second["id"]!, (string)JsonNode.Parse((await requestReceiver.WaitForAsync(1))[0].Body)!["operationId"]!);
        await Task.Delay(500);
        Assert.Single(keyReceiver.Deliveries);
        Assert.Single(requestReceiver.Deliveries);
    }

    /// <summary>
    /// The real process, as an operator starts it: the in-process factory cannot see this, because Program.cs turns the
    /// start-up failure into its exit code and message (<c>StartupFailure</c>) before the factory's host reports anything.
    /// </summary>
    [Fact]
    public async Task Callback_KeysDefaultUrlOnAHostNotAllowed_StartUpFailsNamingTheSetting()
    {
        var environment = WithHookedKey("https://attacker.example/hook")
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        environment["Memory__Embeddings__Provider"] = "Hashing";

        var (exit, output, error) = await ServerCommandLine.RunAsync([], environment);

        Assert.Equal(2, exit);
        var cannot = Assert.Single(error.Split('\n'), line => line.StartsWith("Cannot start:", StringComparison.Ordinal));
        Assert.Contains("Memory:Auth:Keys:0:CallbackUrl", cannot, StringComparison.Ordinal);
        Assert.Contains("'attacker.example' is not in Memory:Callbacks:AllowedHosts", cannot, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    private const string HookedKey = "callback-hooked-key-5e21c0";

    private static Dictionary<string, string?> WithHookedKey(string callbackUrl)
    {
        var settings = Settings();
        foreach (var (name, value) in TestKeys.Settings([new TestKey("hooked", HookedKey, ["default"], null, "write")]))
        {
            settings[name] = value;
        }

        settings["Memory:Auth:Keys:0:CallbackUrl"] = callbackUrl;
        return settings;
    }
}
