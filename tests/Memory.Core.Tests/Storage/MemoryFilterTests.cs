using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Tests.Storage;

public sealed class MemoryFilterTests
{
    private static readonly DateTimeOffset Now = TestMemories.Start.AddDays(10);

    [Fact]
    public void Matches_SupersededMemory_HiddenUnlessIncluded()
    {
        var superseded = TestMemories.Create("Works at Contoso", adjust: m => m with { ValidTo = Now.AddDays(-1), SupersededBy = "mem_new" });

        Assert.False(new MemoryFilter { At = Now }.Matches(superseded));
        Assert.True(new MemoryFilter { At = Now, IncludeSuperseded = true }.Matches(superseded));
    }

    [Fact]
    public void Matches_AsOfBeforeSupersession_ShowsTheOldFact()
    {
        var superseded = TestMemories.Create("Works at Contoso", adjust: m => m with { ValidTo = Now.AddDays(-1) });

        Assert.True(new MemoryFilter { At = Now.AddDays(-2) }.Matches(superseded));
    }

    [Fact]
    public void Matches_AsOfBeforeCreation_HidesTheMemory()
    {
        var memory = TestMemories.Create("Lives in Oslo");

        Assert.False(new MemoryFilter { At = TestMemories.Start.AddSeconds(-1) }.Matches(memory));
    }

    [Fact]
    public void Matches_ExpiredMemory_HiddenEvenWithSupersededIncluded()
    {
        var expired = TestMemories.Create("Is in a meeting", adjust: m => m with { ExpiresAt = Now.AddMinutes(-1) });

        Assert.False(new MemoryFilter { At = Now, IncludeSuperseded = true }.Matches(expired));
        Assert.True(new MemoryFilter { At = Now.AddHours(-1) }.Matches(expired));
    }

    [Fact]
    public void Matches_KindsAgentSessionTagsAndMetadata_AllMustHold()
    {
        var memory = TestMemories.Create("Prefers tea", adjust: m => m with
        {
            Kind = MemoryKind.Preference,
            AgentId = "barista",
            SessionId = "s1",
            Tags = ["drinks", "morning"],
            Metadata = new Dictionary<string, MetadataValue> { ["channel"] = MetadataValue.FromString("web"), ["score"] = MetadataValue.FromNumber(3) },
        });
        var filter = new MemoryFilter
        {
            At = Now,
            Kinds = [MemoryKind.Preference, MemoryKind.Fact],
            AgentId = "barista",
            SessionId = "s1",
            Tags = ["drinks"],
            Metadata = new Dictionary<string, MetadataValue> { ["score"] = MetadataValue.FromNumber(3) },
        };

        Assert.True(filter.Matches(memory));
        Assert.False((filter with { Kinds = [MemoryKind.Fact] }).Matches(memory));
        Assert.False((filter with { AgentId = "other" }).Matches(memory));
        Assert.False((filter with { SessionId = "s2" }).Matches(memory));
        Assert.False((filter with { Tags = ["drinks", "evening"] }).Matches(memory));
        Assert.False((filter with { Metadata = new Dictionary<string, MetadataValue> { ["score"] = MetadataValue.FromString("3") } }).Matches(memory));
    }

    [Fact]
    public void Matches_CreatedRange_LowerInclusiveUpperExclusive()
    {
        var memory = TestMemories.Create("Plays chess");

        Assert.True(new MemoryFilter { At = Now, CreatedFrom = TestMemories.Start }.Matches(memory));
        Assert.False(new MemoryFilter { At = Now, CreatedTo = TestMemories.Start }.Matches(memory));
        Assert.True(new MemoryFilter { At = Now, CreatedTo = TestMemories.Start.AddTicks(1) }.Matches(memory));
    }
}
