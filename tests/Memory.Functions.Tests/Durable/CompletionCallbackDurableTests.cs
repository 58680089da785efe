using System.Text.Json.Nodes;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http.Callbacks;
using MemoryFunctions.Testing.Server;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// Completion callbacks on the Functions app: delivered by the ingestion orchestration on the real Durable engine to a real
/// receiver on a free loopback port, signed as on the local server, retried by Durable with the same delivery id, given
/// up without failing the orchestration, and never attempted for an operation that asked for none.
/// </summary>
public sealed class CompletionCallbackDurableTests
{
    private const string Secret = "durable-callback-secret-of-at-least-32-chars";

    [Fact]
    public async Task Ingestion_WithCallbackUrl_OneSignedNoticeAfterTheOperationEnded()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var host = await DurableFunctionsHost.StartAsync(services => Allow(services, maxAttempts: 3));
        var partition = DurableFunctionsHost.NewPartition();

        var ended = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Lisbon.") with { CallbackUrl = receiver.Url.ToString() });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        var delivery = Assert.Single(receiver.Deliveries);
        var notice = JsonNode.Parse(delivery.Body)!;
        Assert.Equal(ended.InstanceId, (string)notice["operationId"]!);
        Assert.Equal((partition.TenantId, partition.UserId), ((string)notice["tenantId"]!, (string)notice["userId"]!));
        Assert.Equal("succeeded", (string)notice["status"]!);
        Assert.DoesNotContain("Lisbon", delivery.Body, StringComparison.Ordinal);
        Assert.Equal(CompletionCallbackSender.DeliveryId(ended.InstanceId), delivery.Headers[CallbackSignature.DeliveryHeader]);
        var signature = delivery.Headers[CallbackSignature.Header];
        var seconds = long.Parse(signature.Split(',')[0]["t=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CallbackSignature.Create(Secret, DateTimeOffset.FromUnixTimeSeconds(seconds), delivery.Body), signature);

        // The operation was finished and readable before the notice went out.
        var operation = await host.Services.GetRequiredService<IOperationStore>().GetAsync(partition, ended.InstanceId);
        Assert.Equal(OperationStatus.Succeeded, operation!.Status);
    }

    [Fact]
    public async Task Ingestion_ReceiverAnswers500Twice_DurableRetriesWithOneDeliveryId()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500, 503);
        await using var host = await DurableFunctionsHost.StartAsync(services => Allow(services, maxAttempts: 4));

        var ended = await host.IngestAsync(DurableFunctionsHost.NewPartition(), DurableFunctionsHost.Turns("I work as a nurse.") with { CallbackUrl = receiver.Url.ToString() });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal(3, receiver.Deliveries.Count);
        Assert.Single(receiver.Deliveries.Select(d => d.Headers[CallbackSignature.DeliveryHeader]).Distinct());
    }

    [Fact]
    public async Task Ingestion_ReceiverAlwaysFails_GivenUpAtMaxAttemptsAndTheOrchestrationStillCompletes()
    {
        await using var receiver = await CallbackReceiver.StartAsync(500, 500, 500, 500, 500, 500);
        await using var host = await DurableFunctionsHost.StartAsync(services => Allow(services, maxAttempts: 3));
        var partition = DurableFunctionsHost.NewPartition();

        var ended = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I have two cats.") with { CallbackUrl = receiver.Url.ToString() });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal(3, receiver.Deliveries.Count);
        Assert.Equal(OperationStatus.Succeeded, (await host.Services.GetRequiredService<IOperationStore>().GetAsync(partition, ended.InstanceId))!.Status);
    }

    [Fact]
    public async Task Ingestion_WithoutCallbackUrl_NoDeliveryAttempted()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services => Allow(services, maxAttempts: 3));

        var ended = await host.IngestAsync(DurableFunctionsHost.NewPartition(), DurableFunctionsHost.Turns("I like tea."));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        var steps = host.Activities.Of(ended.InstanceId).Select(run => run.Step).ToList();
        Assert.Contains(CallbackActivities.Plan, steps);
        Assert.DoesNotContain(CallbackActivities.Deliver, steps);
    }

    [Fact]
    public async Task SubmitMessagesTrigger_CallbackUrlOfAHostNotAllowed_400NamingTheFieldAndNothingQueued()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services => Allow(services, maxAttempts: 3));
        var triggers = ActivatorUtilities.CreateInstance<IngestionHttpTriggers>(host.Services);
        var context = TriggerRequests.Create(host.Services, "POST", """{"messages":[{"role":"user","content":"Hi."}],"callbackUrl":"https://attacker.example/hook"}""");

        var (status, body) = await TriggerRequests.ExecuteAsync(await triggers.SubmitMessagesAsync(context.Request, "refused-user", host.Client, CancellationToken.None), context);

        Assert.Equal(400, status);
        Assert.Contains("not in Memory:Callbacks:AllowedHosts", (string)JsonNode.Parse(body)!["errors"]!["callbackUrl"]![0]!, StringComparison.Ordinal);
        await foreach (var queued in host.Services.GetRequiredService<IOperationStore>().ExportAsync(new("default", "refused-user")))
        {
            Assert.Fail($"Operation {queued.Id} was queued although its callbackUrl was refused.");
        }
    }

    private static void Allow(IServiceCollection services, int maxAttempts) =>
        services.Configure<CallbackOptions>(options =>
        {
            options.AllowedHosts.Add("127.0.0.1");
            options.AllowHttpLoopback = true;
            options.Secret = Secret;
            options.MaxAttempts = maxAttempts;
            options.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
        });
}
