using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task AddAsync_EightWritersTwoHundredEach_NothingLostAcrossRestart()
    {
        await using var harness = new StoreHarness(new LocalStoreOptions { CompactAfterLogRecords = 500 });
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var partition = new MemoryPartition("t1", $"user{writer % 3}");
            for (var i = 0; i < 200; i++)
            {
                var memory = StoreHarness.Memory(partition, $"writer {writer} fact {i}", [writer, i, 1f, 0f]);
                var result = await harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory));
                Assert.Equal(WriteStatus.Written, result.Status);
            }
        }));
        var searches = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await harness.Memories.SearchAsync(new MemoryPartition("t1", "user0"), new([1f, 0f, 0f, 0f], "fact", new MemoryFilter { At = StoreHarness.T0 }, 10));
            }
        });
        await Task.WhenAll(writers.Append(searches));

        await harness.ReopenAsync();

        var total = 0;
        var etags = new HashSet<string>();
        for (var user = 0; user < 3; user++)
        {
            var page = await harness.Memories.ListAsync(new MemoryPartition("t1", $"user{user}"), new MemoryFilter { At = StoreHarness.T0 }, 10_000, null);
            total += page.Items.Count;
            etags.UnionWith(page.Items.Select(m => m.ETag));
        }

        Assert.Equal(1600, total);
        Assert.Equal(1600, etags.Count);
    }

    [Fact]
    public async Task AddAsync_ManyOutstandingWrites_CommittedInFewerBatchesThanWrites()
    {
        await using var harness = new StoreHarness();
        await harness.CloseAsync();
        var logger = new RecordingLogger<LocalStorageEngine>();
        harness.OpenAgain(logger);
        var partition = new MemoryPartition("t1", "u");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
        {
            var memory = StoreHarness.Memory(partition, $"fact {i}");
            return harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory));
        }));

        // Event 2007 is logged once per committed batch (one write + one fsync).
        var batches = logger.Entries.Count(e => e.EventId.Id == 2007);
        Assert.InRange(batches, 1, 100);
    }

    [Fact]
    public async Task AddAsync_SameIdConcurrently_ExactlyOneWritten()
    {
        await using var harness = new StoreHarness();
        var partition = new MemoryPartition("t1", "u");
        var memory = StoreHarness.Memory(partition, "the same fact");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory)))));

        Assert.Single(results, r => r.Status == WriteStatus.Written);
        Assert.Equal(15, results.Count(r => r.Status == WriteStatus.AlreadyExists && r.Memory!.ETag == results.Single(w => w.Status == WriteStatus.Written).Memory!.ETag));
        Assert.Single(await harness.Memories.GetHistoryAsync(partition, memory.Id));
    }
}
