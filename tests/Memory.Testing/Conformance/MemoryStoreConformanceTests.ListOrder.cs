using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>
/// List order with the turns of one request (<see cref="ListOrder"/>): they are recorded one tick apart in posted order
/// (<see cref="TurnContext.RecordedAt"/>), so the store must keep a recorded time to the tick and order by it; when they
/// shared one time they came out in id (content-hash) order.
/// </summary>
public abstract partial class MemoryStoreConformanceTests
{
    [SkippableFact]
    public async Task ListAsync_TurnsOfOneRequestRecordedTicksApart_NewestFirstInReversePostedOrder()
    {
        var (store, partition) = await StartAsync();
        var earlier = Memory(partition, "A fact from before the conversation", createdAt: Now.AddMinutes(-5));
        var turns = Enumerable.Range(0, 5).Select(i => Turn(partition, $"Posted turn number {i}", Now.AddMinutes(-1), i)).ToArray();
        var later = Memory(partition, "A fact recorded just after the turns", createdAt: Now.AddMinutes(-1).AddTicks(5));
        await AddAllAsync(store, partition, [earlier, .. turns.Reverse().Take(2), later, .. turns.Reverse().Skip(2)]);

        var page = await store.ListAsync(partition, Filter(), 10, null);

        Assert.Equal([later.Id, .. turns.Reverse().Select(t => t.Id), earlier.Id], page.Items.Select(m => m.Id));
        Assert.Equal(turns.Reverse().Select(t => t.CreatedAt), page.Items.Skip(1).Take(5).Select(m => m.CreatedAt));
    }

    /// <summary>
    /// Property over seeded scripts: any page size, writes and deletes between pages, several requests at one time. Every
    /// item present for the whole listing is served exactly once, nothing twice, and the served sequence follows the list
    /// order, so each request's turns come in reverse posted order.
    /// </summary>
    [SkippableFact]
    public async Task ListAsync_PagesInterleavedWithWrites_EveryItemOnceInListOrder()
    {
        Skip.If(SkipReason is not null, SkipReason);
        for (var seed = 1; seed <= 12; seed++)
        {
            await ListWithInterleavedWritesAsync(new Random(seed), seed);
        }
    }

    private async Task ListWithInterleavedWritesAsync(Random random, int seed)
    {
        var (store, partition) = await StartAsync();
        var present = new Dictionary<string, MemoryRecord>(StringComparer.Ordinal);
        var requests = 0;

        async Task PostRequestAsync()
        {
            // Few distinct times, so requests tie with each other and with facts.
            var at = Now.AddMinutes(-random.Next(0, 4));
            var request = requests++;
            var count = random.Next(0, 5);
            var batch = count == 0
                ? [Memory(partition, $"Seed {seed} fact of request {request}", createdAt: at)]
                : Enumerable.Range(0, count).Select(i => Turn(partition, $"Seed {seed} request {request} turn {i}", at, i)).ToArray();
            await AddAllAsync(store, partition, batch);
            foreach (var memory in batch)
            {
                present[memory.Id] = memory;
            }
        }

        for (var i = random.Next(3, 9); i > 0; i--)
        {
            await PostRequestAsync();
        }

        var throughout = new HashSet<string>(present.Keys, StringComparer.Ordinal);
        var served = new List<MemoryRecord>();
        var pageSize = random.Next(1, 6);
        string? token = null;
        do
        {
            var page = await store.ListAsync(partition, Filter(), pageSize, token);
            Assert.True(page.Items.Count <= pageSize);
            served.AddRange(page.Items);
            token = page.ContinuationToken;
            Assert.True(served.Count <= 200, $"seed {seed}: the listing does not end");

            for (var writes = random.Next(0, 3); writes > 0; writes--)
            {
                if (random.Next(3) == 0 && present.Count > 0)
                {
                    var victim = present.Values.ElementAt(random.Next(present.Count));
                    await store.DeleteAsync(partition, victim.Id, null, Deleted(victim));
                    present.Remove(victim.Id);
                    throughout.Remove(victim.Id);
                }
                else
                {
                    await PostRequestAsync();
                }
            }
        }
        while (token is not null);

        var ids = served.Select(m => m.Id).ToList();
        Assert.True(ids.Count == ids.Distinct(StringComparer.Ordinal).Count(), $"seed {seed}: an item was served twice");
        Assert.Empty(throughout.Except(ids, StringComparer.Ordinal));
        for (var i = 1; i < served.Count; i++)
        {
            Assert.True(ListOrder.Compare(served[i - 1], served[i]) < 0, $"seed {seed}: {served[i - 1].Text} served before {served[i].Text}");
        }

        // Posted order, said without the comparer: each request's turns come last posted first.
        foreach (var request in served.Where(m => m.Ordinal is not null).GroupBy(m => m.Text[..m.Text.LastIndexOf(" turn ", StringComparison.Ordinal)], StringComparer.Ordinal))
        {
            var ordinals = request.Select(m => m.Ordinal!.Value).ToList();
            Assert.True(ordinals.SequenceEqual(ordinals.OrderDescending()), $"seed {seed}: {request.Key} served in ordinal order {string.Join(", ", ordinals)}");
        }
    }

    /// <summary>A kept turn as ingestion records it: at its request's time plus its posted position in ticks.</summary>
    private MemoryRecord Turn(MemoryPartition partition, string text, DateTimeOffset requestTime, int ordinal)
    {
        var recorded = TurnContext.RecordedAt(requestTime, ordinal);
        return Memory(partition, text, createdAt: recorded) with { Kind = MemoryKind.Turn, Ordinal = ordinal };
    }
}
