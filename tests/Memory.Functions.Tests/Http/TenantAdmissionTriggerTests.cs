using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// Issue 25, symptoms 5 and 12 on the Functions host, whose tenants share one Durable task hub: the admission quotas
/// (users and queued operations per tenant) refuse at submission, in the same preamble as the server, before anything is
/// scheduled. The queued operations are put in the store directly and never started, so the counts are exact.
/// </summary>
public sealed class TenantAdmissionTriggerTests : IAsyncLifetime
{
    private const string Tenant = "small-tenant";
    private DurableFunctionsHost? _host;

    private DurableFunctionsHost Host => _host!;

    public async Task InitializeAsync() => _host = await DurableFunctionsHost.StartAsync(services => services.Configure<TenantQuotaOptions>(options =>
        options.Tenants[Tenant] = new TenantQuota { MaxUsers = 2, MaxQueuedOperations = 2 }));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task SubmitMessages_TenantsQueueFull_429RetryAfterNothingScheduled_OtherTenantAccepted()
    {
        var operations = Host.Services.GetRequiredService<IOperationStore>();
        foreach (var user in new[] { "ann", "bob" })
        {
            await operations.CreateAsync(new MemoryOperation { Id = "queued-" + user, TenantId = Tenant, UserId = user, Request = DurableFunctionsHost.Turns("I live in Oslo.") });
        }

        var (status, body, retryAfter) = await SubmitAsync(Tenant, "ann");
        Assert.Equal((StatusCodes.Status429TooManyRequests, TenantAdmission.QueueRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), (status, retryAfter));
        Assert.Equal(("urn:memoryfunctions:problem:quota-exceeded", "queuedOperations"), ((string?)JsonNode.Parse(body)!["type"], (string?)JsonNode.Parse(body)!["limit"]));
        var annsOperations = 0;
        await foreach (var _ in operations.ExportAsync(new MemoryPartition(Tenant, "ann")))
        {
            annsOperations++;
        }

        Assert.Equal(1, annsOperations);

        var other = await SubmitAsync("calm-tenant", "ann");
        Assert.Equal(StatusCodes.Status202Accepted, other.Status);
        await Host.WaitAsync((string)JsonNode.Parse(other.Body)!["id"]!);
    }

    [Fact]
    public async Task CreateMemory_TenantAtItsUsersQuota_NewUser403NamingTheQuota_ExistingUserWrites()
    {
        foreach (var user in new[] { "cid", "dan" })
        {
            Assert.Equal(StatusCodes.Status201Created, (await CreateMemoryAsync(user)).Status);
        }

        var (status, body) = await CreateMemoryAsync("eve");

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Equal("users", (string?)JsonNode.Parse(body)!["limit"]);
        Assert.Contains("MaxUsers", (string?)JsonNode.Parse(body)!["detail"], StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status201Created, (await CreateMemoryAsync("cid", "I like coffee.")).Status);
    }

    private async Task<(int Status, string Body, string RetryAfter)> SubmitAsync(string tenant, string user)
    {
        var context = TriggerRequests.Create(Host.Services, "POST", """{"messages":[{"role":"user","content":"I live in Bergen."}]}""");
        context.Request.Headers["x-tenant-id"] = tenant;
        var triggers = ActivatorUtilities.CreateInstance<IngestionHttpTriggers>(Host.Services);
        var (status, body) = await TriggerRequests.ExecuteAsync(await triggers.SubmitMessagesAsync(context.Request, user, Host.Client, CancellationToken.None), context);
        return (status, body, context.Response.Headers.RetryAfter.ToString());
    }

    private async Task<(int Status, string Body)> CreateMemoryAsync(string user, string text = "I like tea.")
    {
        var context = TriggerRequests.Create(Host.Services, "POST", $$"""{"text":"{{text}}"}""");
        context.Request.Headers["x-tenant-id"] = Tenant;
        var triggers = new MemoryHttpTriggers(Host.Services.GetRequiredService<MemoryApiServices>());
        return await TriggerRequests.ExecuteAsync(await triggers.CreateMemoryAsync(context.Request, user, CancellationToken.None), context);
    }
}
