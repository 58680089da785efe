using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Tests.Domain;

public sealed class MemoryIdsTests
{
    [Theory]
    [InlineData("Prefers Python over JavaScript", "prefers python   over javascript.")]
    [InlineData("  Lives in Oslo ", "lives in oslo!")]
    public void ForMemory_SameStatementDifferentSpelling_SameId(string first, string second)
    {
        Assert.Equal(MemoryIds.ForMemory(TestMemories.Alice, null, first), MemoryIds.ForMemory(TestMemories.Alice, null, second));
    }

    [Fact]
    public void ForMemory_OtherUserTenantOrAgent_DifferentId()
    {
        var id = MemoryIds.ForMemory(TestMemories.Alice, null, "Likes tea");

        Assert.NotEqual(id, MemoryIds.ForMemory(new MemoryPartition("contoso", "bob"), null, "Likes tea"));
        Assert.NotEqual(id, MemoryIds.ForMemory(new MemoryPartition("fabrikam", "alice"), null, "Likes tea"));
        Assert.NotEqual(id, MemoryIds.ForMemory(TestMemories.Alice, "agent-1", "Likes tea"));
    }

    [Fact]
    public void ForMemory_Format_IsSafeForEveryStore()
    {
        var id = MemoryIds.ForMemory(TestMemories.Alice, null, "Anything / with ? odd # chars");

        Assert.Matches("^mem_[0-9a-f]{32}$", id);
    }

    [Fact]
    public void ForOperation_SameIdempotencyKey_SameIdWithinAnEpochOnly()
    {
        Assert.Equal(MemoryIds.ForOperation(TestMemories.Alice, 0, "k1"), MemoryIds.ForOperation(TestMemories.Alice, 0, "k1"));
        Assert.NotEqual(MemoryIds.ForOperation(TestMemories.Alice, 0, "k1"), MemoryIds.ForOperation(TestMemories.Alice, 0, "k2"));
        Assert.NotEqual(MemoryIds.ForOperation(TestMemories.Alice, 0, "k1"), MemoryIds.ForOperation(TestMemories.Alice, 7, "k1"));
    }

    [Fact]
    public void HistoryEventsFor_SameOperationTwice_SameEventId()
    {
        var memory = TestMemories.Create("Works at Fabrikam");

        var first = HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, TestMemories.Start, "workflow", "op_1");
        var retried = HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, TestMemories.Start.AddMinutes(5), "workflow", "op_1");

        Assert.Equal(first.Id, retried.Id);
    }

    [Fact]
    public void HistoryEventsFor_SameOperationDifferentVersions_DifferentEventIds()
    {
        var memory = TestMemories.Create("Works at Fabrikam");

        var first = HistoryEvents.For(memory, HistoryOperation.Update, "a", "b", TestMemories.Start, "workflow", "op_1", discriminator: "op_1/\"1\"");
        var second = HistoryEvents.For(memory, HistoryOperation.Update, "b", "c", TestMemories.Start, "workflow", "op_1", discriminator: "op_1/\"2\"");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("op_1", second.OperationId);
    }
}
