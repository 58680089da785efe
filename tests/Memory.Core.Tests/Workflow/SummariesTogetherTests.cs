using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>
/// The session summary and the profile are folded at once, so their vectors can share one inference and their writes one
/// group commit: under another tenant's flood each sequential write of a one-turn ingestion waits for the flood's commit.
/// </summary>
public sealed class SummariesTogetherTests
{
    [Fact]
    public async Task RefreshSummariesAsync_SessionSummaryAndProfileBothDue_TheirEmbeddingsAreInFlightTogether()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1");
        using var embedder = new RendezvousEmbedder(new FakeEmbeddingGenerator());
        var options = new IngestionOptions { SessionSummaryEveryTurns = 1, ProfileEveryFacts = 1 };
        var step = new RefreshSummariesStep(harness.Store, harness.Operations, embedder, harness.Summarizer, Options.Create(options), harness.Clock, NullLogger<RefreshSummariesStep>.Instance);

        var output = await step.RunAsync(new SummarizeInput("op_1", StepsHarness.Partition, 0, ["Works at Contoso"]));

        Assert.True(output.SessionSummaryRefreshed && output.ProfileRefreshed);
        Assert.Equal(2, embedder.MostInFlight);
        Assert.NotNull(await harness.Store.GetAsync(StepsHarness.Partition, MemoryIds.ForProfile(StepsHarness.Partition)));
    }

    /// <summary>Each call yields, then waits (at most 2 s) until a second call is in flight beside it; records the most at once.</summary>
    private sealed class RendezvousEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MostInFlight { get; private set; }

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var now = Interlocked.Increment(ref _inFlight);
            MostInFlight = Math.Max(MostInFlight, now);
            if (now >= 2)
            {
                _second.TrySetResult();
            }

            await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
            try
            {
                return await base.GenerateAsync(values, options, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
