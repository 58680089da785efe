using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>
/// A partition keeps one instance of the strings its records and history repeat (tenant, user, session, a history
/// event's memory id and text), whatever instances the writes brought, and hands back records equal to what was written.
/// </summary>
public sealed class SharedStringsTests
{
    [Fact]
    public void Put_RecordsAndHistoryDecodedSeparately_ShareTheRepeatedStringsAndStayEqual()
    {
        using var index = new PartitionIndex();
        var written = new List<MemoryRecord>();
        for (var i = 0; i < 3; i++)
        {
            // Fresh instances of every repeated string, as decoding each record from the files makes them.
            var partition = new MemoryPartition(Copy("tenant"), Copy("user"));
            var memory = StoreHarness.Memory(partition, $"note {i}") with { SessionId = Copy("s1") };
            var history = StoreHarness.Added(memory) with { MemoryId = Copy(memory.Id), After = Copy(memory.Text), Actor = Copy("test") };
            index.Put(memory, history);
            written.Add(memory);
        }

        var stored = written.Select(memory => index.Get(memory.Id)!).ToList();
        for (var i = 0; i < written.Count; i++)
        {
            StoreHarness.AssertSameMemory(written[i], stored[i]);
            var history = Assert.Single(index.GetHistory(written[i].Id));
            Assert.Equal(StoreHarness.Added(written[i]), history);
            Assert.Same(stored[i].Text, history.After);
            Assert.Same(stored[i].Id, history.MemoryId);
            Assert.Same(stored[0].TenantId, history.TenantId);
        }

        Assert.All(stored, memory => Assert.Same(stored[0].TenantId, memory.TenantId));
        Assert.All(stored, memory => Assert.Same(stored[0].UserId, memory.UserId));
        Assert.All(stored, memory => Assert.Same(stored[0].SessionId, memory.SessionId));
    }

    private static string Copy(string value) => new(value.ToCharArray());
}
