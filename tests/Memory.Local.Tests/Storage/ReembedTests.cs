using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Local.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary><see cref="LocalStoreReembed"/>: every memory gets the new model's vector, nothing else changes, and a killed run resumes.</summary>
public sealed class ReembedTests
{
    private static readonly MemoryPartition[] Users = [new("t1", "alice"), new("t1", "bob"), new("t2", "carol")];

    [Fact]
    public async Task RunAsync_NewModel_ReplacesEveryVectorKeepsContentAndHistory_AndRestampsTheStore()
    {
        using var directory = new TempDirectory();
        var options = new LocalStoreOptions { DataDirectory = directory.Path };
        var written = await WriteAsync(options, perUser: 30);
        var model = new SecondModel();

        await using (var engine = LocalStorageEngine.Open(options))
        {
            var report = await LocalStoreReembed.RunAsync(engine, model, batchSize: 7);
            Assert.Equal(90, report.Reembedded);
            Assert.Equal(0, report.AlreadyDone);
        }

        await using var reopened = LocalStorageEngine.Open(options);
        await AssertReembeddedAsync(reopened, written, model);
        Assert.Equal(await EmbeddingModelStamp.OfAsync(model), EmbeddingModelFile.Read(directory.Path));
        Assert.False(File.Exists(Path.Combine(directory.Path, ReembedProgressFile.FileName)));
    }

    [Fact]
    public async Task RunAsync_KilledMidway_TheNextRunGoesOnFromTheLastDurableBatch()
    {
        using var directory = new TempDirectory();
        var options = new LocalStoreOptions { DataDirectory = directory.Path };
        var written = await WriteAsync(options, perUser: 30);

        // The first run dies on its 8th embedder call: alice's 30 memories (5 batches) and 14 of bob's (2 batches of 7)
        // have their new vectors; what is on disk is what those 7 committed batches left.
        await using (var engine = LocalStorageEngine.Open(options))
        {
            await Assert.ThrowsAsync<IOException>(() => LocalStoreReembed.RunAsync(engine, new SecondModel(failOnCall: 8), batchSize: 7));
        }

        Assert.NotNull(ReembedProgressFile.Read(directory.Path));
        var model = new SecondModel();
        await using (var engine = LocalStorageEngine.Open(options))
        {
            var report = await LocalStoreReembed.RunAsync(engine, model, batchSize: 7);
            Assert.Equal(44, report.AlreadyDone);
            Assert.Equal(90 - 44, report.Reembedded);
        }

        // Only the batches left: bob's other 16 (7, 7, 2) and carol's 30 (7, 7, 7, 7, 2).
        Assert.Equal(3 + 5, model.Calls);
        await using var reopened = LocalStorageEngine.Open(options);
        await AssertReembeddedAsync(reopened, written, model);
    }

    [Fact]
    public async Task StartupCheck_WhileAReembedIsUnfinished_RefusesToStart()
    {
        using var directory = new TempDirectory();
        new ReembedProgressFile(new EmbeddingModelStamp("model-b", 8), null, null).Write(directory.Path);
        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory.Path });

        var refused = LocalStoreStartupCheck.DescribeUnfinishedReembed(directory.Path);

        Assert.NotNull(refused);
        Assert.Contains("reembed", refused, StringComparison.Ordinal);
        Assert.Contains("model-b", refused, StringComparison.Ordinal);
    }

    private static async Task<List<MemoryRecord>> WriteAsync(LocalStoreOptions options, int perUser)
    {
        var written = new List<MemoryRecord>();
        await using var engine = LocalStorageEngine.Open(options);
        var store = new LocalMemoryStore(engine);
        foreach (var user in Users)
        {
            for (var i = 0; i < perUser; i++)
            {
                var memory = StoreHarness.Memory(user, $"{user.UserId} remembers thing {i}");
                written.Add((await store.AddAsync(user, memory, StoreHarness.Added(memory))).Memory!);
            }
        }

        return written;
    }

    private static async Task AssertReembeddedAsync(LocalStorageEngine engine, List<MemoryRecord> written, SecondModel model)
    {
        var store = new LocalMemoryStore(engine);
        foreach (var before in written)
        {
            var after = await store.GetAsync(before.Partition, before.Id);
            Assert.NotNull(after);
            Assert.Equal(before.Text, after.Text);
            Assert.Equal(before.CreatedAt, after.CreatedAt);
            Assert.NotEqual(before.ETag, after.ETag);
            Assert.Equal(SecondModel.Vector(before.Text), after.Embedding, new ToleranceComparer());
            Assert.Single(await store.GetHistoryAsync(before.Partition, before.Id));
        }

        Assert.Equal(written.Count, engine.MemoryCount);
        Assert.Equal(SecondModel.Dimensions, engine.StoredVectorDimensions);
        _ = model;
    }

    /// <summary>"model-b": 8-d unit vectors from the hashing embedder's scheme; counts its calls and can die on one.</summary>
    private sealed class SecondModel(int? failOnCall = null) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public const int Dimensions = 8;
        private static readonly HashingEmbedder Hashing = new(Options.Create(new HashingEmbedderOptions { Dimensions = Dimensions }));
        private readonly EmbeddingGeneratorMetadata _metadata = new("test", defaultModelId: "model-b", defaultModelDimensions: Dimensions);

        public int Calls { get; private set; }

        public static float[] Vector(string text) => Hashing.GenerateAsync([text]).GetAwaiter().GetResult()[0].Vector.ToArray();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (++Calls == failOnCall)
            {
                throw new IOException("killed");
            }

            return Hashing.GenerateAsync(values, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }

    private sealed class ToleranceComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-5f;

        public int GetHashCode(float obj) => 0;
    }
}
