using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// Damage followed by readable records is not a torn tail: acknowledged writes sit behind it. Recovery refuses to start
/// (naming file and offset) instead of truncating, and the repair salvages every readable record.
/// </summary>
public sealed class RepairTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public async Task Open_DamageInTheMiddleOfTheLog_RefusesNamingFileOffsetAndRepairCommand()
    {
        await using var harness = new StoreHarness();
        await AddManyAsync(harness, 10);
        await harness.CloseAsync();
        var (log, offset) = DamageFifthRecord(harness);
        var length = new FileInfo(log).Length;

        var error = Assert.Throws<LocalStoreDamagedException>(() => harness.OpenAgain());

        Assert.Equal(log, error.FilePath);
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"offset {offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalStoreDamagedException.RepairCommand, error.Message, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(log).Length);
    }

    [Fact]
    public async Task RepairAsync_DamagedLogAfterSnapshot_SalvagesEveryReadableRecordAndKeepsTheOriginals()
    {
        await using var harness = new StoreHarness();
        var early = await AddManyAsync(harness, 3, "early");
        await harness.Engine.CompactAsync();
        var ids = await AddManyAsync(harness, 10);
        await harness.CloseAsync();
        var (log, offset) = DamageFifthRecord(harness);

        var report = await LocalStorageEngine.RepairAsync(harness.Options, new AuditOptions());
        harness.OpenAgain();

        var region = Assert.Single(report.DamagedRegions);
        Assert.Equal((Path.GetFileName(log), offset), (region.File, region.Offset));
        Assert.Equal((3 * 2) + 9, report.RecordsSalvaged); // the snapshot stores history on its own; the log carries it in the put
        foreach (var id in early.Concat(ids.Where((_, i) => i != 4)))
        {
            Assert.NotNull(await harness.Memories.GetAsync(Alice, id));
        }

        Assert.Null(await harness.Memories.GetAsync(Alice, ids[4]));
        Assert.True(File.Exists(Path.Combine(report.QuarantineDirectory!, Path.GetFileName(log))));
        var later = StoreHarness.Memory(Alice, "written after the repair");
        await harness.Memories.AddAsync(Alice, later, StoreHarness.Added(later));
        await harness.ReopenAsync();
        Assert.NotNull(await harness.Memories.GetAsync(Alice, later.Id));
    }

    private static (string Log, long Offset) DamageFifthRecord(StoreHarness harness)
    {
        var log = Assert.Single(Directory.GetFiles(harness.DataDirectory, "wal-*.log"));
        var bytes = File.ReadAllBytes(log);
        var offset = 0L;
        for (var i = 0; i < 1 + 4; i++) // the file header, then four records
        {
            offset += 8 + BitConverter.ToUInt32(bytes, (int)offset);
        }

        bytes[offset + 20] ^= 0xFF;
        File.WriteAllBytes(log, bytes);
        return (log, offset);
    }

    private static async Task<List<string>> AddManyAsync(StoreHarness harness, int count, string prefix = "memory")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var memory = StoreHarness.Memory(Alice, $"{prefix} number {i}", createdAt: StoreHarness.T0.AddMinutes(i));
            await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
            ids.Add(memory.Id);
        }

        return ids;
    }
}
