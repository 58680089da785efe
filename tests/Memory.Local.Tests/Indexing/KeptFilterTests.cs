using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// A search reuses the filter bitmap of an earlier one with the same filter until a memory's validity or expiry starts
/// or ends, and writes update it: whatever the order of writes, searches and clock moves (forward, and now and then
/// back), a search must see exactly the memories <see cref="MemoryFilter.Matches"/> lets through at its time.
/// </summary>
public sealed class KeptFilterTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly MemoryKind[] Kinds = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Turn, MemoryKind.Summary];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Search_WritesSearchesAndClockMovesInterleaved_SeesExactlyWhatTheFilterMatches(int seed)
    {
        var random = new Random(seed);
        using var index = new PartitionIndex();
        var live = new Dictionary<string, MemoryRecord>(StringComparer.Ordinal);
        var clock = StoreHarness.T0;
        for (var step = 0; step < 600; step++)
        {
            Write(index, live, random, clock);
            clock = random.Next(10) == 0 ? clock.AddHours(-random.Next(1, 30)) : clock.AddMinutes(random.Next(0, 240));
            if (random.Next(2) == 0)
            {
                continue;
            }

            // Few shapes, so that most searches find a kept bitmap; one with a tag, which is never kept.
            var filter = random.Next(5) switch
            {
                0 => new MemoryFilter { At = clock },
                1 => new MemoryFilter { At = clock, Kinds = [MemoryKind.Fact, MemoryKind.Turn], IncludeSuperseded = true },
                2 => new MemoryFilter { At = clock, Kinds = [MemoryKind.Fact, MemoryKind.Turn], IncludeSuperseded = true, CreatedFrom = StoreHarness.T0.AddHours(10) },
                3 => new MemoryFilter { At = clock, Tags = ["x"] },
                _ => new MemoryFilter { At = clock, Kinds = [MemoryKind.Preference] },
            };

            var found = index.Search(new MemorySearchQuery([0f, 0f, 0f, 0f], "note", filter, 10_000));

            Assert.Equal(
                live.Values.Where(filter.Matches).Select(memory => memory.Id).Order(StringComparer.Ordinal),
                found.Select(candidate => candidate.Memory.Id).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>A new memory, a new validity or expiry for one already there, or a delete; times around the clock.</summary>
    private static void Write(PartitionIndex index, Dictionary<string, MemoryRecord> live, Random random, DateTimeOffset clock)
    {
        if (live.Count > 0 && random.Next(6) == 0)
        {
            var victim = live.Keys.ElementAt(random.Next(live.Count));
            index.Delete(victim, null);
            live.Remove(victim);
            return;
        }

        var id = live.Count > 0 && random.Next(4) == 0 ? live.Keys.ElementAt(random.Next(live.Count)) : $"m{live.Count}-{random.Next(1_000_000)}";
        var createdAt = clock.AddHours(random.Next(-20, 5));
        var memory = StoreHarness.Memory(Partition, $"note {id}", [1f, 0f, 0f, 0f], createdAt) with
        {
            Id = id,
            Kind = Kinds[random.Next(Kinds.Length)],
            ValidFrom = createdAt.AddHours(random.Next(-5, 10)),
            ValidTo = random.Next(3) == 0 ? clock.AddHours(random.Next(-5, 20)) : null,
            ExpiresAt = random.Next(3) == 0 ? clock.AddHours(random.Next(-5, 20)) : null,
            Tags = random.Next(3) == 0 ? ["x"] : [],
        };
        index.Put(memory, null);
        live[id] = memory;
    }
}
