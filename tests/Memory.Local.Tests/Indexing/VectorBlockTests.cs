using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Tests.Indexing;

public sealed class VectorBlockTests
{
    [Fact]
    public void Put_FirstSlotOfALaterChunk_FillsTheOneBeforeToFullSizeAndStartsSmall()
    {
        var block = new VectorBlock();
        block.Put(0, [1, 0, 0, 0]);

        block.Put(VectorBlock.ChunkSlots, [0, 1, 0, 0]);
        block.Put(VectorBlock.ChunkSlots + 1, [0, 0, 1, 0]);

        Assert.Equal(VectorBlock.ChunkSlots * 4, block.Chunk(0).Length);
        Assert.InRange(block.Chunk(1).Length, 2 * 4, 32 * 4);
        Assert.Equal([1f, 0, 0, 0], block.Get(0).ToArray());
        Assert.Equal([0f, 1, 0, 0], block.Get(VectorBlock.ChunkSlots).ToArray());
        Assert.Equal([0f, 0, 1, 0], block.Get(VectorBlock.ChunkSlots + 1).ToArray());
        Assert.False(block.Has(VectorBlock.ChunkSlots + 2));
    }

    [Fact]
    public void Put_SmallPartition_FirstChunkHoldsLittleMoreThanItsSlots()
    {
        var block = new VectorBlock();

        for (var slot = 0; slot < 100; slot++)
        {
            block.Put(slot, [slot, 1, 2, 3]);
        }

        Assert.InRange(block.Chunk(0).Length, 100 * 4, 125 * 4 + (16 * 4));
        Assert.Equal([99f, 1, 2, 3], block.Get(99).ToArray());
    }
}
