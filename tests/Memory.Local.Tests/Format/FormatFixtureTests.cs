namespace MemoryFunctions.Local.Tests.Format;

/// <summary>Files written by earlier releases still open, with every record they held (<see cref="FormatFixture"/>).</summary>
public sealed class FormatFixtureTests
{
    [Theory]
    [InlineData("format-v1", false)]
    [InlineData("format-v2", false)]
    [InlineData("format-v3", true)]
    public async Task Open_FixtureOfAnEarlierRelease_ReadsEveryRecordAndKeepsWorking(string fixture, bool holdsAudit)
    {
        using var directory = CopyOf(fixture);
        var options = new LocalStoreOptions { DataDirectory = directory.Path };

        await using (var engine = LocalStorageEngine.Open(options))
        {
            await FormatFixture.VerifyAsync(engine, holdsAudit);
            var later = StoreHarness.Memory(FormatFixture.Carol, "written by this release");
            await new LocalMemoryStore(engine).AddAsync(FormatFixture.Carol, later, StoreHarness.Added(later));
        }

        await using var reopened = LocalStorageEngine.Open(options);
        await FormatFixture.VerifyAsync(reopened, holdsAudit);
        // An older store was rewritten at open: every log and snapshot now starts with today's file header.
        var dataFiles = Directory.GetFiles(directory.Path, "wal-*.log").Append(Path.Combine(directory.Path, "snapshot.bin")).Where(File.Exists);
        Assert.All(dataFiles, file => Assert.Equal("MFLOCAL"u8.ToArray(), File.ReadAllBytes(file).AsSpan(17, 7).ToArray()));
        Assert.All(dataFiles, file => Assert.Equal(3, BitConverter.ToInt32(File.ReadAllBytes(file).AsSpan(25, 4))));
    }

    [Fact]
    public async Task WriteAsync_TodaysCode_WritesWhatTheFixtureChecksHold()
    {
        using var directory = new TempDirectory();

        await FormatFixture.WriteAsync(directory.Path);

        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory.Path });
        await FormatFixture.VerifyAsync(engine);
    }

    private static TempDirectory CopyOf(string fixture)
    {
        var directory = new TempDirectory();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))
        {
            File.Copy(file, Path.Combine(directory.Path, Path.GetFileName(file)));
        }

        return directory;
    }
}
