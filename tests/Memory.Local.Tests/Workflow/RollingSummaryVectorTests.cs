using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// A rolling profile keeps its vector until its text has drifted materially (ingestion CPU, issue 27 item 2): the model
/// is asked again only then, and a search naming kind profile finds the profile by its newest words all along.
/// </summary>
public sealed class RollingSummaryVectorTests
{
    private const string SummaryVectorDriftKey = "embeddingDrift";

    private static readonly MemoryPartition Partition = new("t1", "u1");

    [Fact]
    public async Task RefreshSummaries_SmallChanges_KeepTheVectorUntilTheDriftIsMaterial_AndSearchStillFindsTheProfile()
    {
        await using var harness = new StoreHarness();
        var hashing = new HashingEmbedder(Options.Create(new HashingEmbedderOptions()));
        var embedder = new CountingEmbedder(hashing);
        await using var services = WorkflowStepServices.Build(
            harness.Memories, harness.Operations, embedder, new FakeFactExtractor(), new FakeMemoryReconciler(), new FakeSummarizer(), new IngestionOptions { SummaryReembedDrift = 0.35 }, TimeProvider.System);
        var facts = new[] { "Works at Contoso", "Lives in Oslo", "Plays chess", "Owns a bicycle", "Speaks Norwegian", "Drinks green tea", "Reads novels", "Grows tomatoes" };
        await FoldAsync(services, harness, "op_0", facts);
        var embeddedFirst = embedder.Texts;

        // Each new fact adds two terms to about twenty: about 0.1 per refresh, 0.30 after three; the fourth adds 0.2.
        await FoldAsync(services, harness, "op_1", ["Keeps tortoises"]);
        var afterOne = await harness.Memories.GetAsync(Partition, MemoryIds.ForProfile(Partition));
        var found = await SearchProfilesAsync(harness, hashing, "tortoises");
        await FoldAsync(services, harness, "op_2", ["Sails dinghies"]);
        await FoldAsync(services, harness, "op_3", ["Bakes sourdough"]);
        var embeddedBeforeMaterial = embedder.Texts;
        await FoldAsync(services, harness, "op_4", ["Climbs mountains", "Collects stamps", "Brews kombucha"]);
        var last = await harness.Memories.GetAsync(Partition, MemoryIds.ForProfile(Partition));

        Assert.Equal(1, embeddedFirst);
        Assert.Equal(embeddedFirst, embeddedBeforeMaterial);
        Assert.InRange(afterOne!.Metadata[SummaryVectorDriftKey].Number, 0.05, 0.2);
        Assert.Contains(found, candidate => candidate.Memory.Id == afterOne.Id && candidate.LexicalScore > 0);
        Assert.Equal(embeddedFirst + 1, embedder.Texts);
        Assert.Equal(0, last!.Metadata[SummaryVectorDriftKey].Number);
        Assert.Contains(await SearchProfilesAsync(harness, hashing, "kombucha"), candidate => candidate.Memory.Id == last.Id && candidate.LexicalScore > 0);
    }

    private static async Task FoldAsync(ServiceProvider services, StoreHarness harness, string operationId, IReadOnlyList<string> profileChanges)
    {
        await harness.Operations.CreateAsync(new MemoryOperation
        {
            Id = operationId,
            TenantId = Partition.TenantId,
            UserId = Partition.UserId,
            Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "hello", StoreHarness.T0)]),
            CreatedAt = StoreHarness.T0,
        });
        await services.GetRequiredService<RefreshSummariesStep>().RunAsync(new SummarizeInput(operationId, Partition, 0, profileChanges));
    }

    private static async Task<IReadOnlyList<SearchCandidate>> SearchProfilesAsync(StoreHarness harness, IEmbeddingGenerator<string, Embedding<float>> embedder, string query) =>
        await harness.Memories.SearchAsync(
            Partition,
            new MemorySearchQuery((await embedder.GenerateVectorAsync(query)).ToArray(), query, new MemoryFilter { At = DateTimeOffset.UtcNow, Kinds = [MemoryKind.Profile] }, 10));

    /// <summary>Counts the texts the workflow asks the model for (the test's searches embed beside it).</summary>
    private sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Texts { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts += texts.Count;
            return base.GenerateAsync(texts, options, cancellationToken);
        }
    }
}
