using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Client;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Server.Tests.Properties;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Callbacks;

/// <summary>
/// The local server's completion callbacks across restarts, at the moments that lose them when they are held in memory:
/// while a retry waits, and (SIGKILL) while the receiver holds the delivery open. What is owed is delivered after the
/// restart with the same <c>Memory-Delivery</c> id; the bound on attempts holds across restarts; an erased user's
/// callback is never sent after the erase; a settled one is never sent again.
/// </summary>
public sealed class CallbackRestartTests
{
    /// <summary>A retry that cannot come before the restart: the test then shortens it, so only the restarted server can send it.</summary>
    private const string NotBeforeTheRestart = "00:30:00";

    private static readonly Dictionary<string, string?> SoonAfterTheRestart = new() { ["Memory:Callbacks:FirstRetryDelay"] = "00:00:00.100" };

    private static string Submission(Uri callbackUrl) =>
        $$"""{"messages":[{"role":"user","content":"I live in Lisbon."}],"callbackUrl":"{{callbackUrl}}"}""";

    [Fact]
    public async Task Callback_ServerRestartsWhileARetryWaits_DeliveredAfterTheRestartWithTheSameDeliveryId()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500);
        await using var server = new RestartableServer(CompletionCallbackTests.Settings(firstRetryDelay: NotBeforeTheRestart));

        var (operation, location) = await server.Client.SubmitAsync(Api.NewUser(), Submission(receiver.Url));
        await server.Client.WaitForOperationAsync(location);
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(() => OwedAsync(server), owed => owed.SingleOrDefault()?.Callback?.Attempts == 1);
        await server.RestartAsync(SoonAfterTheRestart);
        var deliveries = await receiver.WaitForAsync(2);

        Assert.All(deliveries, delivery => Assert.Equal((string)operation["id"]!, (string)JsonNode.Parse(delivery.Body)!["operationId"]!));
        Assert.Single(deliveries.Select(delivery => delivery.Headers[CompletionCallbackSignature.DeliveryHeader]).Distinct());
        await WaitUntilAsync(() => OwedAsync(server), owed => owed.Count == 0);
        await server.RestartAsync();
        _ = server.Client;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, receiver.Deliveries.Count);
    }

    [Fact]
    public async Task Callback_ReceiverAlwaysFails_TheBoundHoldsAcrossRestarts()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500, 500, 500, 500);
        await using var server = new RestartableServer(CompletionCallbackTests.Settings(maxAttempts: 2, firstRetryDelay: NotBeforeTheRestart));

        var (_, location) = await server.Client.SubmitAsync(Api.NewUser(), Submission(receiver.Url));
        await server.Client.WaitForOperationAsync(location);
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(() => OwedAsync(server), owed => owed.SingleOrDefault()?.Callback?.Attempts == 1);
        await server.RestartAsync(SoonAfterTheRestart);
        await receiver.WaitForAsync(2);
        await WaitUntilAsync(() => OwedAsync(server), owed => owed.Count == 0);
        await server.RestartAsync();
        _ = server.Client;

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, receiver.Deliveries.Count);
    }

    [Fact]
    public async Task Callback_UserErasedWhileARetryWaits_NothingSentAfterTheEraseOrTheRestart()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500);
        await using var server = new RestartableServer(CompletionCallbackTests.Settings(firstRetryDelay: NotBeforeTheRestart));
        var user = Api.NewUser();

        var (_, location) = await server.Client.SubmitAsync(user, Submission(receiver.Url));
        await server.Client.WaitForOperationAsync(location);
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(() => OwedAsync(server), owed => owed.Count == 1);
        using (var erased = await server.Client.DeleteAsync($"/api/users/{user}"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        Assert.Empty(await OwedAsync(server));
        await server.RestartAsync(SoonAfterTheRestart);
        _ = server.Client;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(receiver.Deliveries);
    }

    /// <summary>
    /// The worst moment: the receiver has the notice but the server dies (SIGKILL) before it learns the answer. The restarted
    /// server sends it again with the same id, records it, and a further kill and restart sends nothing more.
    /// </summary>
    [Fact]
    [Trait("Category", "Crash")]
    public async Task Callback_ServerKilledWhileTheReceiverHoldsTheDelivery_SentAgainAfterTheRestart_ThenNeverAgain()
    {
        await using var receiver = await CallbackReceiver.StartAsync(CallbackReceiver.Hold);
        var data = Path.Combine(Path.GetTempPath(), "memory-callback-crash-" + Guid.NewGuid().ToString("N"));
        var settings = CompletionCallbackTests.Settings(firstRetryDelay: "00:00:00.100")
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        settings["Memory__Callbacks__Timeout"] = "00:05:00";
        settings["Memory__Embeddings__Provider"] = "Hashing";
        var dll = ServerBinary.Locate(typeof(CallbackRestartTests).Assembly);
        var port = LoopbackPort.Next();
        try
        {
            string operationId;
            await using (var first = await ServerProcess.StartAsync(dll, data, port, TimeSpan.FromSeconds(90), settings))
            {
                using var http = new HttpClient { BaseAddress = first.BaseAddress };
                var (operation, _) = await http.SubmitAsync(Api.NewUser(), Submission(receiver.Url));
                operationId = (string)operation["id"]!;
                await receiver.WaitForAsync(1);
                first.Kill();
            }

            await using (var second = await ServerProcess.StartAsync(dll, data, port, TimeSpan.FromSeconds(90), settings))
            {
                var deliveries = await receiver.WaitForAsync(2);
                Assert.All(deliveries, delivery => Assert.Equal(operationId, (string)JsonNode.Parse(delivery.Body)!["operationId"]!));
                Assert.Single(deliveries.Select(delivery => delivery.Headers[CompletionCallbackSignature.DeliveryHeader]).Distinct());
                await WaitUntilAsync(() => Task.FromResult(second.OutputTail()), output => output.Contains($"{operationId} delivered (attempt 2)", StringComparison.Ordinal));
                second.Kill();
            }

            await using (await ServerProcess.StartAsync(dll, data, port, TimeSpan.FromSeconds(90), settings))
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                Assert.Equal(2, receiver.Deliveries.Count);
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<IReadOnlyList<MemoryOperation>> OwedAsync(RestartableServer server)
    {
        var owed = new List<MemoryOperation>();
        await foreach (var operation in server.Services.GetRequiredService<ICallbackBacklog>().ListAwaitingAsync())
        {
            owed.Add(operation);
        }

        return owed;
    }

    /// <summary>Bounded: the build machine is slow at times; fails with the last value seen.</summary>
    private static async Task WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var last = await read();
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !done(last) && waited.Elapsed < TimeSpan.FromSeconds(60); last = await read())
        {
            await Task.Delay(50);
        }

        Assert.True(done(last), $"Not reached within 60 s; last seen: {last}");
    }
}
