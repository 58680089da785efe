using System.Buffers.Binary;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>The snapshot's sealed records load on several threads: every partition must come back whole and in order, and a damaged record still stops the start.</summary>
public sealed class SnapshotLoaderTests
{
    [Fact]
    public async Task Open_SnapshotOfManyPartitions_EveryRecordHistoryAndOperationComesBack()
    {
        await using var harness = new StoreHarness();
        var expected = new Dictionary<MemoryPartition, List<MemoryRecord>>();
        for (var user = 0; user < 40; user++)
        {
            var partition = new MemoryPartition("t1", $"user-{user}");
            expected[partition] = [];
            await harness.Operations.CreateAsync(StoreHarness.Operation(partition, $"op_{user}"));
            for (var i = 0; i < 30; i++)
            {
                var memory = StoreHarness.Memory(partition, $"fact {i} of {user}", [user, i, 1f, 0f], StoreHarness.T0.AddSeconds(i));
                expected[partition].Add((await harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory))).Memory!);
            }

            // Three versions of one memory: its history must come back in the order it was written.
            var first = expected[partition][0];
            var second = (await harness.Memories.ReplaceAsync(partition, first with { Text = "second" }, first.ETag, StoreHarness.Event(first, HistoryOperation.Update, StoreHarness.T0.AddDays(1)))).Memory!;
            var third = (await harness.Memories.ReplaceAsync(partition, second with { Text = "third" }, second.ETag, StoreHarness.Event(second, HistoryOperation.Supersede, StoreHarness.T0.AddDays(2)))).Memory!;
            expected[partition][0] = third;
        }

        await harness.Engine.CompactAsync();
        await harness.ReopenAsync();

        foreach (var (partition, memories) in expected)
        {
            foreach (var memory in memories)
            {
                var loaded = await harness.Memories.GetAsync(partition, memory.Id);
                Assert.Equal((memory.Text, memory.ETag, memory.UpdatedAt), (loaded?.Text, loaded?.ETag, loaded?.UpdatedAt));
                Assert.Equal(memory.Embedding, loaded!.Embedding);
            }

            Assert.Equal(
                [HistoryOperation.Add, HistoryOperation.Update, HistoryOperation.Supersede],
                (await harness.Memories.GetHistoryAsync(partition, memories[0].Id)).Select(e => e.Operation));
            Assert.NotNull(await harness.Operations.GetAsync(partition, $"op_{partition.UserId["user-".Length..]}"));
        }
    }

    [Fact]
    public async Task Open_SealedSnapshotRecordThatDoesNotAuthenticate_RefusesToStartNamingTheSnapshot()
    {
        await using var harness = new StoreHarness();
        var partition = new MemoryPartition("t1", "alice");
        for (var i = 0; i < 50; i++)
        {
            var memory = StoreHarness.Memory(partition, $"fact {i}");
            await harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory));
        }

        await harness.Engine.CompactAsync();
        await harness.CloseAsync();
        var path = Path.Combine(harness.DataDirectory, "snapshot.bin");
        var bytes = await File.ReadAllBytesAsync(path);
        TamperWithLastSealedFrame(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var error = Assert.Throws<LocalStoreDamagedException>(() => harness.OpenAgain());

        Assert.Contains("snapshot", error.Message, StringComparison.Ordinal);
        Assert.Contains("undecodable entry", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Flips a ciphertext byte of the last memory frame and fixes its checksum, so only decryption can notice.</summary>
    private static void TamperWithLastSealedFrame(byte[] file)
    {
        var last = -1;
        for (var offset = 0; offset + FrameBuffer.HeaderSize <= file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            if ((EntryType)file[offset + FrameBuffer.HeaderSize] == EntryType.MemoryPut)
            {
                last = offset;
            }

            offset += FrameBuffer.HeaderSize + length;
        }

        var frameLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(last));
        var payload = file.AsSpan(last + FrameBuffer.HeaderSize, frameLength);
        payload[^1] ^= 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(last + 4), Crc32C.Compute(payload));
    }
}
