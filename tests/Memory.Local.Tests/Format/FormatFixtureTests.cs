namespace MemoryFunctions.Local.Tests.Format;

/// <summary>Files written by earlier releases still open, with every record they held (<see cref="FormatFixture"/>).</summary>
public sealed class FormatFixtureTests
{
    [Theory]
    [InlineData("format-v1", false, false)]
    [InlineData("format-v2", false, false)]
    [InlineData("format-v3", true, false)]
    [InlineData("format-v3-late", true, true)]
    [InlineData("format-v4", true, true)]
    public async Task Open_FixtureOfAnEarlierRelease_ReadsEveryRecordAndKeepsWorking(string fixture, bool holdsAudit, bool holdsFormat4Fields)
    {
        using var directory = CopyOf(fixture);
        var options = new LocalStoreOptions { DataDirectory = directory.Path };

        await using (var engine = LocalStorageEngine.Open(options))
        {
            await FormatFixture.VerifyAsync(engine, holdsAudit, holdsFormat4Fields);
            var later = StoreHarness.Memory(FormatFixture.Carol, "written by this release");
            await new LocalMemoryStore(engine).AddAsync(FormatFixture.Carol, later, StoreHarness.Added(later));
        }

        await using var reopened = LocalStorageEngine.Open(options);
        await FormatFixture.VerifyAsync(reopened, holdsAudit, holdsFormat4Fields);
        // An older store was rewritten at open: every log and snapshot now starts with today's file header.
        var dataFiles = Directory.GetFiles(directory.Path, "wal-*.log").Append(Path.Combine(directory.Path, "snapshot.bin")).Where(File.Exists);
        Assert.All(dataFiles, file => Assert.Equal("MFLOCAL"u8.ToArray(), File.ReadAllBytes(file).AsSpan(17, 7).ToArray()));
        Assert.All(dataFiles, file => Assert.Equal(4, BitConverter.ToInt32(File.ReadAllBytes(file).AsSpan(25, 4))));
    }

    /// <summary>
    /// A release that reads only format 3 opens a format-4 store by its header and refuses it (its check, kept here):
    /// this release does the same to a file of a later format, and neither cuts it off as a torn tail nor rewrites it.
    /// </summary>
    [Theory]
    [InlineData("wal-000000000001.log")]
    [InlineData("snapshot.bin")]
    public void Open_AFileOfALaterFormat_RefusesNamingTheVersionAndChangesNothing(string file)
    {
        using var directory = CopyOf("format-v4");
        var path = Path.Combine(directory.Path, file);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(25, 4), 5);
        var headerLength = BitConverter.ToInt32(bytes, 0);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), MemoryFunctions.Local.Storage.Crc32C.Compute(bytes.AsSpan(8, headerLength)));
        File.WriteAllBytes(path, bytes);

        var refused = Assert.Throws<NotSupportedException>(() => LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory.Path }));

        Assert.Contains("format version 5; this release reads versions 1 to 4", refused.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    /// <summary>Format 4's erase entry names the keys it destroyed (bob's memory key: he had no operation), which recovery uses to finish a cut erase.</summary>
    [Theory]
    [InlineData("format-v3-late")]
    [InlineData("format-v4")]
    public void EraseEntry_OfTheLaterFixtures_NamesTheKeysItDestroyed(string fixture)
    {
        using var reader = new MemoryFunctions.Local.Storage.FrameFileReader(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture, "wal-000000000001.log"), keyring: null);
        var erases = new List<MemoryFunctions.Local.Storage.PartitionEraseEntry>();
        while (reader.TryRead(out var entry))
        {
            if (entry is MemoryFunctions.Local.Storage.PartitionEraseEntry erase)
            {
                erases.Add(erase);
            }
        }

        var bobs = Assert.Single(erases);
        Assert.Equal(FormatFixture.Bob, bobs.Partition);
        Assert.Single(bobs.ShreddedKeys!);
        Assert.Null(reader.StopReason);
    }

    /// <summary>The format-v3-late fixture is what the last format-3 release wrote: the fields format 4 names, under a version-3 header.</summary>
    [Fact]
    public void FormatV3Late_IsHeadedVersion3()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "format-v3-late"), "*.*").Where(f => !f.EndsWith("keys.bin", StringComparison.Ordinal));
        Assert.All(files, file => Assert.Equal(3, BitConverter.ToInt32(File.ReadAllBytes(file).AsSpan(25, 4))));
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
