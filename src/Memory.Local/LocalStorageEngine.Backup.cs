using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

public sealed partial class LocalStorageEngine
{
    /// <summary>The sequence number of the last logged entry (what a backup is taken at).</summary>
    internal long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>The partitions holding memories now, in ordinal order of tenant, then user (a stable order to resume in).</summary>
    internal IReadOnlyList<MemoryPartition> MemoryPartitions() =>
        [.. _partitions.Keys.OrderBy(key => key.TenantId, StringComparer.Ordinal).ThenBy(key => key.UserId, StringComparer.Ordinal)];

    /// <summary>Memories held in memory now (every partition).</summary>
    internal long MemoryCount => _partitions.Values.Sum(partition => (long)partition.Count);

    /// <summary>
    /// The epoch of every partition ever erased in the store files of <paramref name="dataDirectory"/> (the sequence number
    /// of its last erase), read without its keys and without opening it: erase entries are not sealed, because they must
    /// outlive the keys they destroyed. Reads the snapshot and every log beside it, stopping quietly at a damaged or torn
    /// stretch, so a store the server refuses to open still gives what it can.
    /// </summary>
    internal static Dictionary<MemoryPartition, long> ReadEpochs(string dataDirectory)
    {
        var epochs = new Dictionary<MemoryPartition, long>();
        var files = new[] { Path.Combine(dataDirectory, SnapshotFileName) }
            .Concat(Directory.EnumerateFiles(dataDirectory, "wal-*.log").Order(StringComparer.Ordinal))
            .Where(File.Exists);
        foreach (var file in files)
        {
            using var reader = new FrameFileReader(file, keyring: null);
            while (reader.TryRead(out var entry))
            {
                if (entry is PartitionEraseEntry erase && erase.Sequence > epochs.GetValueOrDefault(erase.Partition))
                {
                    epochs[erase.Partition] = erase.Sequence;
                }
            }
        }

        return epochs;
    }

    /// <summary>The generation of the log that follows the snapshot at <paramref name="snapshotPath"/> (its header's), or null when it has none.</summary>
    internal static long? SnapshotNextGeneration(string snapshotPath)
    {
        using var reader = new FrameFileReader(snapshotPath, keyring: null);
        return reader.TryRead(out var first) && (first is not FileHeaderEntry || reader.TryRead(out first)) && first is SnapshotHeaderEntry header
            ? header.NextGeneration
            : null;
    }

    /// <summary>The log file name of <paramref name="generation"/> (wal-000000000001.log).</summary>
    internal static string LogFileNameOf(long generation) => LogFileName(generation);
}
