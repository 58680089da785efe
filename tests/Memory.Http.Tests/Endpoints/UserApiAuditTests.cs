using System.Security.Claims;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Tests.Auth;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Tests.Endpoints;

/// <summary>Export and erase through the shared handlers (as both hosts call them) write their audit record.</summary>
public sealed class UserApiAuditTests
{
    private static readonly MemoryPartition Alice = new("acme", "alice");
    private readonly InMemoryMemoryStore _store = new();
    private readonly InMemoryAuditLog _audit = new();
    private readonly MemoryApiServices _services;

    public UserApiAuditTests() => _services = TestApiServices.Create(_store, _audit);

    [Fact]
    public async Task EraseUserAsync_AuthenticatedCaller_RecordsWhoWhichUserAndTheCountsButNoText()
    {
        // The identity comes from the credential the scope rule authenticates, not from whatever the context held before.
        const string OpsKey = "mfk_ops-admin-key";
        var services = TestApiServices.Create(_store, _audit, TestAuth.Create(new Dictionary<string, string?>
        {
            ["Memory:Auth:Keys:0:Id"] = "ops",
            ["Memory:Auth:Keys:0:Hash"] = ApiKeyHashes.Hash(OpsKey),
            ["Memory:Auth:Keys:0:Tenants:0"] = "acme",
            ["Memory:Auth:Keys:0:Role"] = "admin",
        }));
        var memory = await services.Memories.AddAsync(Alice, new MemoryDraft { Text = "Alice's diary entry" });
        var request = Request(new ClaimsIdentity([new Claim(ClaimTypes.Name, "key:forged")], authenticationType: "Forged"));
        request.Headers[MemoryHeaders.FunctionsKey] = OpsKey;

        var result = await UserApi.EraseUserAsync(request, "alice", TestApiServices.Erasure(_store, services), services);

        Assert.IsType<Ok<UserErasureResponse>>(result.Result);
        Assert.Null(await _store.GetAsync(Alice, memory.Memory!.Id));
        Assert.Equal([AuditOutcome.Started, AuditOutcome.Succeeded], _audit.Writes.Select(r => r.Outcome));
        var record = _audit.Writes[1];
        Assert.Equal(("acme", "alice", AuditAction.EraseUser, "key:ops", "memories=1 operations=0"), (record.TenantId, record.UserId, record.Action, record.Actor, record.Detail));
        Assert.Equal(request.HttpContext.TraceIdentifier, record.TraceId);
        Assert.DoesNotContain(_audit.Writes, r => (r.Detail ?? string.Empty).Contains("diary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportUserAsync_NoAuthenticatedIdentity_RecordedAsAnonymous()
    {
        await _services.Memories.AddAsync(Alice, new MemoryDraft { Text = "Alice likes tea" });

        var result = await UserApi.ExportUserAsync(Request(new ClaimsIdentity()), "alice", _services);

        Assert.IsType<Ok<UserExportResponse>>(result.Result);
        var record = Assert.Single(await _audit.ReadAsync("acme", 10));
        Assert.Equal((AuditAction.ExportUser, AuditOutcome.Succeeded, AuditCaller.Anonymous, "memories=1 history=1 operations=0"), (record.Action, record.Outcome, record.Actor, record.Detail));
    }

    [Fact]
    public async Task EraseUserAsync_InvalidUserId_RejectedWithoutAnAuditRecord()
    {
        var result = await UserApi.EraseUserAsync(Request(new ClaimsIdentity()), "../bob", TestApiServices.Erasure(_store, _services), _services);

        Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Empty(_audit.Writes);
    }

    [Fact]
    public async Task EraseUserAsync_AuditLogRefusesTheStart_NothingIsErasedAndTheStoreFailureReachesTheHost()
    {
        var memory = await _services.Memories.AddAsync(Alice, new MemoryDraft { Text = "kept" });
        _audit.OnWrite = _ => throw new StoreFailureException(StoreFailureKind.Full, "The local store's disk is full.");

        await Assert.ThrowsAsync<StoreFailureException>(() => UserApi.EraseUserAsync(Request(new ClaimsIdentity()), "alice", TestApiServices.Erasure(_store, _services), _services));

        Assert.NotNull(await _store.GetAsync(Alice, memory.Memory!.Id));
    }

    [Fact]
    public async Task EraseUserAsync_StoreDeletesInTheBackground_202WithTheOperationToPollAndTheAuditStillStarted()
    {
        _store.DeferErase = true;
        var memory = await _services.Memories.AddAsync(Alice, new MemoryDraft { Text = "Alice's diary entry" });
        var starter = new FakeWorkflowStarter();

        var result = await UserApi.EraseUserAsync(Request(new ClaimsIdentity()), "alice", TestApiServices.Erasure(_store, _services, starter), _services);

        var accepted = Assert.IsType<Accepted<OperationResponse>>(result.Result);
        Assert.Equal((OperationKind.Erase, OperationStatus.Queued, null), (accepted.Value!.Kind, accepted.Value.Status, accepted.Value.Request));
        Assert.Equal($"/api/operations/{accepted.Value.Id}?userId=alice", accepted.Location);
        Assert.Equal(accepted.Value.Id, Assert.Single(starter.Started).Id);
        Assert.Null(await _store.GetAsync(Alice, memory.Memory!.Id));
        Assert.Equal(AuditOutcome.Started, Assert.Single(await _audit.ReadAsync("acme", 10)).Outcome);
    }

    [Fact]
    public async Task EraseUserAsync_BackgroundWorkflowCannotStart_OperationAndAuditFailedAndRethrown()
    {
        _store.DeferErase = true;

        var result = UserApi.EraseUserAsync(Request(new ClaimsIdentity()), "alice", TestApiServices.Erasure(_store, _services, new ThrowingStarter()), _services);

        await Assert.ThrowsAsync<InvalidOperationException>(() => result);
        var record = Assert.Single(await _audit.ReadAsync("acme", 10));
        Assert.Equal((AuditOutcome.Failed, "InvalidOperationException"), (record.Outcome, record.Detail));
        var operation = Assert.Single(_store.Operations.All);
        Assert.Equal((OperationStatus.Failed, MemoryOperation.ProblemTypeEraseIncomplete), (operation.Status, operation.Error!.Type));
    }

    private sealed class ThrowingStarter : IWorkflowStarter
    {
        public Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the task hub is down");
    }

    private static HttpRequest Request(ClaimsIdentity identity)
    {
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(identity), TraceIdentifier = "request-7" };
        context.Request.Headers[MemoryHeaders.TenantId] = "acme";
        return context.Request;
    }
}
