using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// An erase too large for one orchestration history, on the real engine: over a store that deletes a few documents per
/// chunk (the Cosmos DB store's way, scaled down), the orchestration must cross <c>ContinueAsNew</c> and still count once,
/// delete everything, report every document and end succeeded.
/// </summary>
public sealed class HeavyEraseDurableTests
{
    private const int Memories = 250;

    [Fact]
    public async Task EraseUser_MoreChunksThanOneEpisodeHolds_ContinuesAsNewAndEndsWithEveryDocumentCounted()
    {
        var store = new InMemoryMemoryStore { DeferErase = true, EraseChunkSize = 4 };
        var generations = 0;
        var episodes = 0;
        await using var host = await DurableFunctionsHost.StartAsync(
            services =>
            {
                services.AddSingleton<IMemoryStore>(store);
                services.AddSingleton<IOperationStore>(store.Operations);
            },
            onEpisode: context =>
            {
                if (context.Name.Name != EraseOrchestrator.Name)
                {
                    return;
                }

                // The first episode of a generation has no history to replay; every later one replays its generation's.
                Interlocked.Increment(ref episodes);
                if (!context.IsReplaying)
                {
                    Interlocked.Increment(ref generations);
                }
            });
        var partition = DurableFunctionsHost.NewPartition();
        for (var i = 0; i < Memories; i++)
        {
            await host.Memories.AddAsync(partition, new MemoryDraft { Text = $"fact {i} about the user" });
        }

        var documents = store.StoredRecordCount;
        var chunks = (documents + store.EraseChunkSize - 1) / store.EraseChunkSize;
        Assert.True(chunks > EraseOrchestrator.ChunksPerEpisode, $"{chunks} chunks fit one generation; the probe would not cross ContinueAsNew");

        var erase = await EraseTrigger.EraseToTheEndAsync(host, partition);

        Assert.Equal(OperationStatus.Succeeded, erase.Status);
        Assert.Equal(new OperationProgress(MemoryFunctions.Core.Erasure.ErasureSteps.DeleteStep, documents, documents), erase.Progress);
        Assert.Equal(0, store.StoredRecordCount);
        Assert.Equal((chunks / EraseOrchestrator.ChunksPerEpisode) + 1, generations);
        // Counted once: the generations after ContinueAsNew carry that the erase started.
        Assert.Single(host.Activities.Of(erase.Id), run => run.Step == EraseActivities.Count);
        Assert.True(episodes > generations, "no episode replayed: the probe did not watch the erase");
    }
}
