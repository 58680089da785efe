using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Tests.Domain;

public sealed class MemoryRecordsTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Draft_DerivesIdHashAndTimesFromOneRule()
    {
        var memory = MemoryRecords.Create(Partition, new MemoryDraft { Text = "Likes tea", AgentId = "a1" }, [1f], Now);

        Assert.Equal(MemoryIds.ForMemory(Partition, "a1", "Likes tea"), memory.Id);
        Assert.Equal(MemoryIds.ContentHash("Likes tea"), memory.ContentHash);
        Assert.Equal((Now, Now, Now), (memory.CreatedAt, memory.UpdatedAt, memory.ValidFrom));
        Assert.Equal((Partition.TenantId, Partition.UserId), (memory.TenantId, memory.UserId));
        Assert.Equal(Provenance.Direct, memory.Provenance);
    }

    [Fact]
    public void Create_GivenId_KeepsIt()
    {
        var memory = MemoryRecords.Create(Partition, new MemoryDraft { Text = "Summary" }, [], Now, "sum_1");

        Assert.Equal("sum_1", memory.Id);
    }

    [Fact]
    public void Revive_EndedStatement_IsCurrentAsSaidNowButKeepsItsFirstRecording()
    {
        var ended = MemoryRecords.Create(Partition, new MemoryDraft { Text = "Eats meat" }, [1f], Now.AddDays(-9))
            with { ValidTo = Now.AddDays(-2), SupersededBy = "mem_veg" };
        var wanted = MemoryRecords.Create(Partition, new MemoryDraft { Text = "Eats meat", Importance = 0.9 }, [1f], Now);

        var revived = MemoryRecords.Revive(ended, wanted);

        Assert.Equal((null, null), (revived.ValidTo, revived.SupersededBy));
        Assert.Equal(Now.AddDays(-9), revived.CreatedAt);
        Assert.Equal((Now, Now, 0.9), (revived.UpdatedAt, revived.ValidFrom, revived.Importance));
    }

    [Fact]
    public void NotAfter_FutureEventTime_IsNow()
    {
        Assert.Equal(Now, MemoryRecords.NotAfter(Now.AddHours(1), Now));
        Assert.Equal(Now.AddHours(-1), MemoryRecords.NotAfter(Now.AddHours(-1), Now));
        Assert.Equal(Now, MemoryRecords.NotAfter(null, Now));
    }
}
