using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using MemoryFunctions.Testing.Isolation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Isolation;

/// <summary>
/// Runs one isolation script against <see cref="MemoryService"/> and <see cref="IngestionService"/> on a fresh embedded
/// store (real files, real hashing embedder), checking every answer as it comes. Workflows are not run: submitted
/// operations stay queued, which is all an operation lookup or an export needs.
/// </summary>
internal sealed class ServiceIsolationHarness : IAsyncDisposable
{
    private const string Run = "r";

    private readonly StoreHarness _store = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly MemoryService _memories;
    private readonly IngestionService _ingestion;
    private readonly List<(string Id, int Owner)> _memoryIds = [];
    private readonly List<(string Id, int Owner)> _operationIds = [];
    private int _counter;

    public ServiceIsolationHarness()
    {
        var embedder = new HashingEmbedder(Options.Create(new HashingEmbedderOptions()));
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), _clock);
        _memories = new MemoryService(_store.Memories, _store.Operations, embedder, ranker, _clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(_clock));
        _ingestion = new IngestionService(_store.Memories, _store.Operations, new FakeWorkflowStarter(), _clock, NullLogger<IngestionService>.Instance);
    }

    public async Task RunAsync(IEnumerable<IsolationOp> script)
    {
        foreach (var op in script)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await StepAsync(op);
        }
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task StepAsync(IsolationOp op)
    {
        var p = op.Partition;
        var partition = IsolationScripts.PartitionOf(p);
        var marker = IsolationScripts.Marker(p, Run);
        var topic = IsolationScripts.Topics[op.Topic];
        var filter = new MemoryFilter { At = _clock.GetUtcNow(), IncludeSuperseded = true };
        switch (op.Kind)
        {
            case IsolationOpKind.Add:
                var added = await _memories.AddAsync(partition, new MemoryDraft { Text = $"{marker} note {++_counter} likes {topic}", SessionId = "s1", Tags = [topic] });
                AssertOwned(added.Memory!, p);
                _memoryIds.Add((added.Memory!.Id, p));
                break;
            case IsolationOpKind.Update when Pick(_memoryIds, op) is var (id, owner):
                var updated = await _memories.UpdateAsync(partition, id, new MemoryPatch { Text = $"{marker} revised {++_counter} {topic}" }, null);
                CheckWrite(updated, p, owner);
                break;
            case IsolationOpKind.Delete when Pick(_memoryIds, op) is var (id, owner):
                CheckWrite(await _memories.DeleteAsync(partition, id, null), p, owner);
                break;
            case IsolationOpKind.Get when Pick(_memoryIds, op) is var (id, owner):
                var found = await _memories.GetAsync(partition, id);
                Assert.True(found is null || (owner == p && Owns(found, p)), $"get of {id} (owned by {owner}) as {p} returned {found?.Text}");
                break;
            case IsolationOpKind.History when Pick(_memoryIds, op) is var (id, owner):
                var events = await _memories.GetHistoryAsync(partition, id);
                Assert.True(owner == p || events.Count == 0, $"history of {id} (owned by {owner}) visible to {p}");
                Assert.All(events, e => Assert.Equal((partition.TenantId, partition.UserId), (e.TenantId, e.UserId)));
                AssertClean(string.Join('\n', events.Select(e => e.Before + " " + e.After)), p, "history");
                break;
            case IsolationOpKind.List:
                var page = await _memories.ListAsync(partition, filter, 200, null);
                Assert.All(page.Items, m => AssertOwned(m, p));
                break;
            case IsolationOpKind.Search:
                var results = await _memories.SearchAsync(partition, new SearchRequest($"{topic} note likes", filter, 50));
                Assert.All(results, r => AssertOwned(r.Memory, p));
                break;
            case IsolationOpKind.Context:
                var block = await _memories.BuildContextAsync(partition, new ContextRequest($"{topic} likes", filter with { SessionId = "s1" }, 4000));
                Assert.All(block.Memories, r => AssertOwned(r.Memory, p));
                AssertClean(block.Text, p, "context");
                break;
            case IsolationOpKind.Export:
                await AssertExportOwnedAsync(partition, p);
                break;
            case IsolationOpKind.Submit:
                var message = new ConversationMessage("m1", MessageRole.User, $"I like {topic}. {marker}", _clock.GetUtcNow());
                // Idempotency keys deliberately collide across partitions: the operation id must still differ.
                var submitted = await _ingestion.SubmitAsync(partition, new IngestionRequest([message]), $"key-{op.Target % 3}");
                Assert.Equal(partition, submitted.Operation.Partition);
                AssertClean(submitted.Operation.Request.Messages[0].Content, p, "submission");
                _operationIds.Add((submitted.Operation.Id, p));
                break;
            case IsolationOpKind.GetOperation when Pick(_operationIds, op) is var (id, owner):
                var operation = await _ingestion.GetOperationAsync(partition, id);
                Assert.True(operation is null || (owner == p && operation.Partition == partition), $"operation {id} (owned by {owner}) visible to {p}");
                break;
            case IsolationOpKind.Erase:
                await _store.Memories.EraseAsync(partition);
                var export = await _memories.ExportAsync(partition);
                Assert.Empty(export.Memories);
                Assert.Empty(export.History);
                // Operations still queued at the erase stay as cancelled stubs without the request; finished ones are gone.
                Assert.All(export.Operations, stub => Assert.Equal((OperationStatus.Cancelled, 0), (stub.Status, stub.Request.Messages.Count)));
                // EraseAsync has compacted already; no explicit CompactAsync here, to prove it.
                IsolationScripts.AssertNoFileContains(_store.DataDirectory, marker);
                break;
        }
    }

    private static (string Id, int Owner)? Pick(List<(string Id, int Owner)> ids, IsolationOp op) =>
        ids.Count == 0 ? null : ids[op.Target % ids.Count];

    private static void CheckWrite(MemoryWriteResult result, int p, int owner)
    {
        if (owner != p)
        {
            Assert.Equal(WriteStatus.NotFound, result.Status);
        }
        else if (result.Memory is { } memory)
        {
            AssertOwned(memory, p);
        }
    }

    private async Task AssertExportOwnedAsync(MemoryPartition partition, int p)
    {
        var export = await _memories.ExportAsync(partition);
        Assert.All(export.Memories, m => AssertOwned(m, p));
        Assert.All(export.History, e => Assert.Equal((partition.TenantId, partition.UserId), (e.TenantId, e.UserId)));
        Assert.All(export.Operations, o => Assert.Equal(partition, o.Partition));
        AssertClean(System.Text.Json.JsonSerializer.Serialize(export), p, "export");
    }

    private static bool Owns(MemoryRecord memory, int p) =>
        memory.TenantId == IsolationScripts.Partitions[p].Tenant && memory.UserId == IsolationScripts.Partitions[p].User
        && memory.Text.Contains(IsolationScripts.Marker(p, Run), StringComparison.Ordinal);

    private static void AssertOwned(MemoryRecord memory, int p)
    {
        Assert.True(Owns(memory, p), $"partition {p} was given {memory.TenantId}/{memory.UserId}: {memory.Text}");
        AssertClean(memory.Text, p, "memory");
    }

    private static void AssertClean(string text, int p, string what) => IsolationScripts.AssertNoForeignMarker(text, p, Run, what);
}
