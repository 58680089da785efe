using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>The <c>reembed</c> verb as an operator runs it after changing the model (the guarantees: Memory.Local.Tests ReembedTests).</summary>
public sealed class ReembedCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "memory-reembed-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reembed_AfterAModelChange_ReembedsEveryMemoryAndTheServerAcceptsTheStore()
    {
        var partition = new MemoryPartition("default", "alice");
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _data }))
        {
            var store = new LocalMemoryStore(engine);
            foreach (var text in new[] { "Alice drinks tea", "Alice lives in Oslo", "Alice keeps bees" })
            {
                var memory = new MemoryRecord { Id = text, TenantId = partition.TenantId, UserId = partition.UserId, Text = text, ContentHash = text, Embedding = [1f, 0f, 0f, 0f] };
                await store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, text, DateTimeOffset.UnixEpoch, "test"));
            }
        }

        await File.WriteAllTextAsync(Path.Combine(_data, "embedding-model.json"), """{"formatVersion":1,"modelId":"old-model","dimensions":4}""");

        var (exit, output, error) = await ServerCommandLine.RunAsync(
            ["reembed", "--Memory:Local:DataDirectory", _data], new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "Hashing", ["Memory__Embeddings__Dimensions"] = "16" });

        Assert.True(exit == 0, output + error);
        Assert.Contains("Re-embedded 3 memories", output, StringComparison.Ordinal);
        Assert.Contains("\"dimensions\": 16", await File.ReadAllTextAsync(Path.Combine(_data, "embedding-model.json")), StringComparison.Ordinal);
        await using var reopened = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _data });
        Assert.Equal(16, reopened.StoredVectorDimensions);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
