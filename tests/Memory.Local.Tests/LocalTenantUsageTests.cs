using MemoryFunctions.Core.Domain;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Local.Tests;

/// <summary>
/// What the memories quota counts on the embedded store (issue 25 review, "two meanings of memories"): memories held now,
/// neither superseded nor expired (<see cref="MemoryRecord.IsHeldAt"/>), the same rule as on Cosmos DB
/// (<c>TenantUsageGatewayTests</c>). Before, every memory in the index counted, superseded and expired ones included.
/// </summary>
public sealed class LocalTenantUsageTests
{
    [Fact]
    public async Task GetAsync_SupersededAndExpiredMemories_NotCountedAFutureExpiryCountsUntilItPasses()
    {
        await using var harness = new StoreHarness();
        var ann = new MemoryPartition("t", "ann");
        var clock = new FakeTimeProvider(StoreHarness.T0.AddDays(1));
        var now = clock.GetUtcNow();
        MemoryRecord[] memories =
        [
            StoreHarness.Memory(ann, "lives in Oslo"),
            StoreHarness.Memory(ann, "lived in Bergen") with { ValidTo = now.AddHours(-1) },
            StoreHarness.Memory(ann, "said hello") with { ExpiresAt = now.AddMinutes(-1) },
            StoreHarness.Memory(ann, "is on holiday") with { ExpiresAt = now.AddHours(1) },
        ];
        foreach (var memory in memories)
        {
            await harness.Memories.AddAsync(ann, memory, StoreHarness.Added(memory));
        }

        var usage = new LocalTenantUsage(harness.Engine, clock);
        var held = await usage.GetAsync(ann);
        clock.Advance(TimeSpan.FromHours(2));
        var later = await usage.GetAsync(ann);

        Assert.Equal(memories.Count(memory => memory.IsHeldAt(now)), (int)held.Memories);
        Assert.Equal((2L, 1L, 1L), (held.Memories, later.Memories, later.Users));
    }
}
