using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Tests.Embeddings;

public sealed class LoadingEmbeddingGeneratorTests
{
    private static readonly EmbeddingGeneratorMetadata Metadata = new("test", defaultModelId: "unit-model", defaultModelDimensions: 3);
    private static readonly float[] Fixed = [1f, 0f, 0f];

    [Fact]
    public async Task GenerateAsync_ForegroundWhileLoading_ThrowsUnavailableNamingTheModelAndWhenToRetry()
    {
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>();
        using var generator = new LoadingEmbeddingGenerator(loading.Task, Metadata, TimeSpan.FromMilliseconds(10));

        var error = await Assert.ThrowsAsync<EmbedderUnavailableException>(() => generator.GenerateAsync(["x"]));

        Assert.Contains("unit-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("still loading", error.Message, StringComparison.Ordinal);
        Assert.True(error.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GenerateAsync_BackgroundWorkWhileLoading_WaitsPastTheForegroundWaitForTheModel()
    {
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var generator = new LoadingEmbeddingGenerator(loading.Task, Metadata, TimeSpan.Zero);

        Task<GeneratedEmbeddings<Embedding<float>>> pending;
        using (BackgroundWork.For("tenant-a"))
        {
            pending = generator.GenerateAsync(["x"]);
        }

        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        loading.SetResult(new FixedEmbedder());

        var embeddings = await pending;
        Assert.Equal(Fixed, embeddings[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Loaded_DelegatesAndMetadataIsKnownBeforeLoading()
    {
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>();
        using var generator = new LoadingEmbeddingGenerator(loading.Task, Metadata, TimeSpan.Zero);

        Assert.Same(Metadata, generator.GetService<EmbeddingGeneratorMetadata>());
        loading.SetResult(new FixedEmbedder());

        var embeddings = await generator.GenerateAsync(["x"]);
        Assert.Equal(Fixed, embeddings[0].Vector.ToArray());
        Assert.IsType<FixedEmbedder>(generator.GetService(typeof(FixedEmbedder)));
    }

    [Fact]
    public async Task GenerateAsync_ModelFailedToLoad_FailsWithTheLoadError()
    {
        using var generator = new LoadingEmbeddingGenerator(Task.FromException<IEmbeddingGenerator<string, Embedding<float>>>(new InvalidDataException("bad weights")), Metadata, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal("bad weights", error.Message);
    }

    [Fact]
    public async Task Dispose_BeforeTheModelLoaded_DisposesItOnceLoaded()
    {
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>();
        var model = new FixedEmbedder();
        new LoadingEmbeddingGenerator(loading.Task, Metadata, TimeSpan.Zero).Dispose();

        loading.SetResult(model);

        await model.Disposed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class FixedEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(Fixed))));

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose() => Disposed.TrySetResult();
    }
}
