using System.Text.Json;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>What a closed store's data files hold, read through the codec with the directory's own keys (they are encrypted: a plaintext grep proves nothing).</summary>
internal static class StoreFiles
{
    /// <summary>
    /// The entries of the snapshot and the logs, each file up to its first entry that does not decode (an erased
    /// partition's: its key is gone); with <paramref name="whole"/>, such an entry fails the test instead, so nothing
    /// unread can hide what a caller looks for.
    /// </summary>
    public static List<LogEntry> Entries(string directory, bool whole = false)
    {
        using var keyring = PartitionKeyring.Open(directory, PhysicalDataFiles.Instance);
        var entries = new List<LogEntry>();
        foreach (var file in Directory.GetFiles(directory, "*.bin").Concat(Directory.GetFiles(directory, "wal-*.log")).Where(f => !f.EndsWith("keys.bin", StringComparison.Ordinal)))
        {
            using var reader = new FrameFileReader(file, keyring);
            while (reader.TryRead(out var entry))
            {
                entries.Add(entry!);
            }

            Assert.True(!whole || reader.ValidLength == reader.FileLength, $"{file}: read to {reader.ValidLength} of {reader.FileLength} bytes ({reader.StopReason})");
        }

        return entries;
    }

    /// <summary>Each entry of the whole files as JSON, every field of every record it carries included.</summary>
    public static IEnumerable<string> DecodedEntries(string directory) => Entries(directory, whole: true).Select(entry => JsonSerializer.Serialize(entry, entry.GetType()));
}
