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
    public async Task DeferredLoad_StartsOnlyAtBeginLoadingOrTheFirstCallThatNeedsIt_AndOnlyOnce()
    {
        var starts = 0;
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>();
        using var host = new LoadingEmbeddingGenerator(() => { starts++; return loading.Task; }, Metadata, TimeSpan.FromMinutes(1));
        using var lazy = new LoadingEmbeddingGenerator(() => Task.FromResult<IEmbeddingGenerator<string, Embedding<float>>>(new FixedEmbedder()), Metadata, TimeSpan.FromMinutes(1));

        Assert.Same(Metadata, host.GetService<EmbeddingGeneratorMetadata>());
        Assert.Equal(0, starts);
        Assert.False(host.Loaded.IsCompleted);
        host.BeginLoading();
        host.BeginLoading();
        var pending = host.GenerateAsync(["x"]);
        Assert.Equal(1, starts);
        loading.SetResult(new FixedEmbedder());

        Assert.Equal(Fixed, (await pending)[0].Vector.ToArray());
        Assert.Equal(Fixed, (await lazy.GenerateAsync(["x"]))[0].Vector.ToArray());
        Assert.True(lazy.Loaded.IsCompletedSuccessfully);
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
    public async Task GenerateAsync_ModelFailedToLoad_UnavailableNamingTheLoadErrorAndARestart()
    {
        using var generator = new LoadingEmbeddingGenerator(Task.FromException<IEmbeddingGenerator<string, Embedding<float>>>(new InvalidDataException("bad weights")), Metadata, TimeSpan.FromMinutes(1));

        var foreground = await Assert.ThrowsAsync<EmbedderUnavailableException>(() => generator.GenerateAsync(["x"]));
        Task<GeneratedEmbeddings<Embedding<float>>> background;
        using (BackgroundWork.For("tenant-a"))
        {
            background = generator.GenerateAsync(["x"]);
        }

        var ingestion = await Assert.ThrowsAsync<EmbedderUnavailableException>(() => background);
        foreach (var error in new[] { foreground, ingestion })
        {
            Assert.IsType<InvalidDataException>(error.InnerException);
            Assert.Contains("failed to load (bad weights)", error.Message, StringComparison.Ordinal);
            Assert.Contains("restart", error.Message, StringComparison.Ordinal);
        }

        Assert.IsType<InvalidDataException>(generator.LoadFailure);
    }

    [Fact]
    public async Task LoadFailure_WhileLoadingAndOnceLoaded_IsNull()
    {
        var loading = new TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>>();
        using var generator = new LoadingEmbeddingGenerator(loading.Task, Metadata, TimeSpan.Zero);

        Assert.Null(generator.LoadFailure);
        loading.SetResult(new FixedEmbedder());
        await generator.Loaded;
        Assert.Null(generator.LoadFailure);
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
