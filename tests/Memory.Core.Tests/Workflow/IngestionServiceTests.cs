using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class IngestionServiceTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private readonly InMemoryMemoryStore _store = new();
    private readonly InMemoryOperationStore _operations;
    private readonly FakeWorkflowStarter _starter = new();
    private readonly IngestionService _service;

    public IngestionServiceTests()
    {
        _operations = _store.Operations;
        _service = new IngestionService(_store, _operations, _starter, new FakeTimeProvider(), NullLogger<IngestionService>.Instance);
    }

    private static IngestionRequest Request => new([new ConversationMessage("m1", MessageRole.User, "I live in Oslo", new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))]);

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKey_ReturnsFirstOperationAndStartsItAgainWhileUnfinished()
    {
        var first = await _service.SubmitAsync(Partition, Request, "key-1");
        var repeat = await _service.SubmitAsync(Partition, Request, "key-1");

        Assert.True(first.Created);
        Assert.False(repeat.Created);
        Assert.Equal(first.Operation.Id, repeat.Operation.Id);
        Assert.Equal(MemoryIds.ForOperation(Partition, 0, "key-1"), first.Operation.Id);
        // Starting an operation that is already queued or running is a no-op for both starters; asking again rescues one
        // whose first start never happened (the submitter gave up, or the process died, before it was queued).
        Assert.Equal([first.Operation.Id, first.Operation.Id], _starter.Started.Select(operation => operation.Id));
        Assert.Equal(OperationStatus.Queued, _operations.All.Single().Status);
    }

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKeyAfterOperationFinished_StartsNothing()
    {
        var first = await _service.SubmitAsync(Partition, Request, "key-1");
        await _operations.UpdateAsync(first.Operation with { Status = OperationStatus.Succeeded });

        var repeat = await _service.SubmitAsync(Partition, Request, "key-1");

        Assert.False(repeat.Created);
        Assert.Equal(OperationStatus.Succeeded, repeat.Operation.Status);
        Assert.Single(_starter.Started);
    }

    [Fact]
    public async Task SubmitAsync_CallerCancelsOnceOperationIsPersisted_OperationIsStillStarted()
    {
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        // The fake operation store ignores the token, so the operation is persisted; the start must not be abandoned.
        var submitted = await _service.SubmitAsync(Partition, Request, "key-1", cancellationToken: gaveUp.Token);

        Assert.Equal(submitted.Operation.Id, Assert.Single(_starter.Started).Id);
    }

    [Fact]
    public async Task SubmitAsync_NoKey_EachCallIsANewOperation()
    {
        var first = await _service.SubmitAsync(Partition, Request, null);
        var second = await _service.SubmitAsync(Partition, Request, null);

        Assert.NotEqual(first.Operation.Id, second.Operation.Id);
        Assert.Equal(2, _starter.Started.Count);
        Assert.StartsWith("op_", first.Operation.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_NoMessages_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _service.SubmitAsync(Partition, new IngestionRequest([]), null));
        Assert.Empty(_starter.Started);
    }

    [Fact]
    public async Task GetOperationAsync_OtherPartition_FindsNothing()
    {
        var submitted = await _service.SubmitAsync(Partition, Request, "key-1");

        var own = await _service.GetOperationAsync(Partition, submitted.Operation.Id);
        var foreign = await _service.GetOperationAsync(new MemoryPartition("t1", "u2"), submitted.Operation.Id);

        Assert.NotNull(own);
        Assert.Null(foreign);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyDifferentFingerprint_KeyReusedAndNothingStarted()
    {
        var first = await _service.SubmitAsync(Partition, Request, "key-1", "fingerprint-a");

        var second = await _service.SubmitAsync(Partition, Request, "key-1", "fingerprint-b");

        Assert.True(second.KeyReused);
        Assert.Equal(first.Operation.Id, second.Operation.Id);
        Assert.Single(_starter.Started);
    }

    /// <summary>An operation stored under an earlier fingerprint rule still matches the retry that computes that rule's fingerprint too.</summary>
    [Fact]
    public async Task SubmitAsync_StoredUnderAFormerFingerprintRule_RetryMatchesIt()
    {
        var first = await _service.SubmitAsync(Partition, Request, "key-1", "legacy-fingerprint");

        var retry = await _service.SubmitAsync(Partition, Request, "key-1", "jcs1:new-fingerprint", ["legacy-fingerprint"]);
        var other = await _service.SubmitAsync(Partition, Request, "key-1", "jcs1:other", ["legacy-other"]);

        Assert.False(retry.KeyReused);
        Assert.Equal(first.Operation.Id, retry.Operation.Id);
        Assert.True(other.KeyReused);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyAfterErase_NewOperationInTheNewEpoch()
    {
        var first = await _service.SubmitAsync(Partition, Request, "key-1", "fingerprint-a");
        var erased = await _store.EraseAsync(Partition);

        var second = await _service.SubmitAsync(Partition, Request, "key-1", "fingerprint-b");

        Assert.True(second.Created);
        Assert.False(second.KeyReused);
        Assert.NotEqual(first.Operation.Id, second.Operation.Id);
        Assert.Equal(erased.Epoch, second.Operation.Epoch);
        Assert.Equal(OperationStatus.Cancelled, (await _operations.GetAsync(Partition, first.Operation.Id))!.Status);
    }
}
