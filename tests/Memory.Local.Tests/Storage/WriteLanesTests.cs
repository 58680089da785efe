using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>The log loop's light lane: which writes of a batch are committed first, on their own.</summary>
public sealed class WriteLanesTests
{
    private readonly Dictionary<WriteCommand, int> _ids = [];

    [Fact]
    public void TrySplit_OneOwnerFloodsTheBatch_OthersLightWritesAndForegroundOnesGoFirstInOrder()
    {
        var batch = new List<WriteCommand> { Write("a", 1), Write("b", 2), Write("a", 3), Write(null, 4), Write("a", 5), Write("c", 6), Write("c", 7) };
        var light = new List<WriteCommand>();

        Assert.True(WriteLanes.TrySplit(batch, light));

        Assert.Equal([2, 4, 6, 7], light.Select(Id));
        Assert.Equal([1, 3, 5], batch.Select(Id));
    }

    [Fact]
    public void TrySplit_NoOwnerPastTheLightBound_OneBatchAsQueued()
    {
        var batch = new List<WriteCommand> { Write("a", 1), Write("b", 2), Write("a", 3), Write(null, 4), Write(null, 5), Write(null, 6) };
        var light = new List<WriteCommand>();

        Assert.False(WriteLanes.TrySplit(batch, light));

        Assert.Empty(light);
        Assert.Equal([1, 2, 3, 4, 5, 6], batch.Select(Id));
    }

    [Fact]
    public void TrySplit_OnlyTheFlooderWrites_OneBatch()
    {
        var batch = new List<WriteCommand> { Write("a", 1), Write("a", 2), Write("a", 3) };
        var light = new List<WriteCommand>();

        Assert.False(WriteLanes.TrySplit(batch, light));
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public void TrySplit_ACompactionWaits_TheBatchStaysWhole()
    {
        var batch = new List<WriteCommand> { Write("a", 1), Write("a", 2), Write("a", 3), Write("b", 4), new WriteCommand<int>((_, _) => new Decision<int>(null, 5), waitsForCompaction: true, CancellationToken.None) };
        var light = new List<WriteCommand>();

        Assert.False(WriteLanes.TrySplit(batch, light));
        Assert.Equal(5, batch.Count);
    }

    /// <summary>A write submitted as <paramref name="owner"/>'s background work (null: foreground), known by <paramref name="id"/>.</summary>
    private WriteCommand<int> Write(string? owner, int id)
    {
        using var background = owner is null ? null : BackgroundWork.For(owner);
        var command = new WriteCommand<int>((_, _) => new Decision<int>(null, id), waitsForCompaction: false, CancellationToken.None);
        _ids[command] = id;
        return command;
    }

    private int Id(WriteCommand command) => _ids[command];
}
