using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Tests.Endpoints;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MemoryFunctions.Core.Services;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Quotas;

/// <summary>
/// Phantom reservations (issue 25 review): a write admitted by the handler preamble and then refused (a body the
/// validator refuses, the model still loading) must hold nothing afterwards; only a write that succeeded counts. The
/// tenant holds 9 memories against a quota of 10 on a reused count (Cosmos DB's, taken at the start), so one phantom
/// would turn the next write into a 403 until a recount.
/// </summary>
public sealed class AdmissionCommitTests
{
    private readonly InMemoryMemoryStore _store = new();

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":"x","kind":"nonsense"}""")]
    [InlineData("""{"text":"x","text":"y"}""")]
    public async Task CreateMemoryAsync_BodyRefused_NextWriteStillAdmitted(string refusedBody)
    {
        var services = Services(new FakeEmbeddingGenerator());

        var refused = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest(refusedBody), "ann", services);
        var next = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(refused.Result).StatusCode);
        Assert.IsType<Created<MemoryResponse>>(next.Result);
    }

    [Fact]
    public async Task CreateMemoryAsync_ModelStillLoading_NextWriteStillAdmitted()
    {
        var embedder = new LoadingEmbedder();
        var services = Services(embedder);

        await Assert.ThrowsAsync<EmbedderUnavailableException>(() => MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services));
        embedder.Loaded = true;
        var next = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);

        Assert.IsType<Created<MemoryResponse>>(next.Result);
    }

    [Fact]
    public async Task CreateMemoryAsync_WriteSucceeded_CountsUntilTheStoreCountsIt403()
    {
        var services = Services(new FakeEmbeddingGenerator());

        var first = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);
        var second = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"lives in Oslo"}"""), "ann", services);

        Assert.IsType<Created<MemoryResponse>>(first.Result);
        var problem = Assert.IsType<ProblemHttpResult>(second.Result);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.StatusCode);
        Assert.Equal("memories", problem.ProblemDetails.Extensions["limit"]);
    }

    [Fact]
    public async Task CreateMemoryAsync_IdenticalContentAnswered200_AddsNothingToTheCount()
    {
        var services = Services(new FakeEmbeddingGenerator(), held: 8);

        var first = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);
        var again = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"likes tea"}"""), "ann", services);
        var next = await MemoryApi.CreateMemoryAsync(HandlerDirectCallTests.JsonRequest("""{"text":"lives in Oslo"}"""), "ann", services);

        Assert.IsType<Created<MemoryResponse>>(first.Result);
        Assert.IsType<Ok<MemoryResponse>>(again.Result);
        Assert.IsType<Created<MemoryResponse>>(next.Result);
    }

    /// <summary>
    /// A retry with the same <c>Idempotency-Key</c> is answered 202 with the first operation and adds nothing, so it must
    /// not count against the queue quota (it held a phantom on a reused count until the next count).
    /// </summary>
    [Fact]
    public async Task SubmitMessagesAsync_ReplayedWithTheSameKey_AddsNothingToTheQueueCount()
    {
        var services = TestApiServices.Create(_store, admission: clock => new TenantAdmission(
            Options.Create(new TenantQuotaOptions { Default = new TenantQuota { MaxQueuedOperations = 2 } }),
            new GivenUsage(new TenantUsage(1, 0, 0, true, clock.GetUtcNow())),
            clock));
        var ingestion = new IngestionService(_store, _store.Operations, new FakeWorkflowStarter(), services.TimeProvider, NullLogger<IngestionService>.Instance);

        var first = await IngestionApi.SubmitMessagesAsync(Submission("key-1"), "ann", ingestion, services);
        var replay = await IngestionApi.SubmitMessagesAsync(Submission("key-1"), "ann", ingestion, services);
        var next = await IngestionApi.SubmitMessagesAsync(Submission("key-2"), "ann", ingestion, services);

        var operation = Assert.IsType<Accepted<OperationResponse>>(first.Result).Value!.Id;
        Assert.Equal(operation, Assert.IsType<Accepted<OperationResponse>>(replay.Result).Value!.Id);
        Assert.IsType<Accepted<OperationResponse>>(next.Result);
    }

    private static HttpRequest Submission(string idempotencyKey)
    {
        var request = HandlerDirectCallTests.JsonRequest("""{"messages":[{"role":"user","content":"I live in Oslo."}]}""");
        request.Headers[IngestionApi.IdempotencyKeyHeader] = idempotencyKey;
        return request;
    }

    private MemoryApiServices Services(IEmbeddingGenerator<string, Embedding<float>> embedder, int held = 9) =>
        TestApiServices.Create(_store, admission: clock =>
        {
            var options = new TenantQuotaOptions { Default = new TenantQuota { MaxMemories = 10 } };
            return new TenantAdmission(Options.Create(options), new GivenUsage(new TenantUsage(1, held, 0, true, clock.GetUtcNow())), clock);
        }, embedder: embedder);

    /// <summary>An embedder whose model has not loaded: what <c>LoadingEmbeddingGenerator</c> throws after its wait.</summary>
    private sealed class LoadingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly FakeEmbeddingGenerator _loaded = new();

        public bool Loaded { get; set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Loaded ? _loaded.GenerateAsync(values, options, cancellationToken) : throw new EmbedderUnavailableException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => _loaded.Dispose();
    }
}
