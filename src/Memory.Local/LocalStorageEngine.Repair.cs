using System.Globalization;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Local.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Local;

public sealed partial class LocalStorageEngine
{
    /// <summary>
    /// Salvages every readable record of a data directory that <see cref="Open(LocalStoreOptions, ILogger{LocalStorageEngine})"/> refused: moves the snapshot and logs
    /// into a <c>damaged-&lt;time&gt;</c> folder (kept, for the operator to inspect or delete), reads them in order skipping
    /// only unreadable stretches, and writes what it read as a fresh snapshot. Run while no server uses the directory.
    /// Audit records are kept within the configured <paramref name="audit"/> bounds, as the server would keep them.
    /// </summary>
    public static async Task<LocalStoreRepairReport> RepairAsync(LocalStoreOptions options, AuditOptions audit, TimeProvider? timeProvider = null, ILogger<LocalStorageEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        var clock = timeProvider ?? TimeProvider.System;
        var engine = new LocalStorageEngine(options, (ILogger?)logger ?? NullLogger.Instance, PhysicalDataFiles.Instance, new AuditTrails(audit, clock), clock);
        try
        {
            var originals = new[] { Path.Combine(engine.DataDirectory, SnapshotFileName) }
                .Concat(Directory.EnumerateFiles(engine.DataDirectory, "wal-*.log").Order(StringComparer.Ordinal))
                .Where(File.Exists)
                .ToList();
            engine.DeleteIfExists(Path.Combine(engine.DataDirectory, SnapshotTempFileName));
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var quarantine = originals.Count == 0 ? null : Directory.CreateDirectory(Path.Combine(engine.DataDirectory, "damaged-" + stamp)).FullName;
            var regions = new List<DamagedRegion>();
            long salvaged = 0;
            long snapshotSequence = 0;
            foreach (var original in originals)
            {
                var moved = Path.Combine(quarantine!, Path.GetFileName(original));
                File.Move(original, moved);
                engine._generation = Math.Max(engine._generation, GenerationOf(original));
                salvaged += engine.Salvage(moved, isLog: GenerationOf(original) > 0, regions, ref snapshotSequence);
            }

            engine._generation++;
            engine._log = engine.OpenLog(Path.Combine(engine.DataDirectory, LogFileName(engine._generation)));
            engine._writerLoop = Task.Run(engine.RunWriterLoopAsync);
            await engine.CompactAsync();
            return new LocalStoreRepairReport(quarantine, salvaged, regions);
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    private long Salvage(string path, bool isLog, List<DamagedRegion> regions, ref long snapshotSequence)
    {
        long salvaged = 0;
        using var reader = new FrameFileReader(path, _keyring);
        while (true)
        {
            while (reader.TryRead(out var entry))
            {
                switch (entry)
                {
                    case SnapshotHeaderEntry header:
                        snapshotSequence = Math.Max(snapshotSequence, header.Sequence);
                        _generation = Math.Max(_generation, header.NextGeneration);
                        break;
                    case SnapshotFooterEntry or FileHeaderEntry or ShreddedEntry:
                        break;
                    case { Sequence: > 0 } logged when isLog && logged.Sequence <= snapshotSequence:
                        // A log older than the snapshot: its changes are in the snapshot already, and replaying them would roll back.
                        break;
                    default:
                        Apply(entry!, replay: true);
                        salvaged++;
                        break;
                }

                _sequence = Math.Max(Math.Max(_sequence, snapshotSequence), entry!.Sequence);
            }

            if (reader.StopReason is not { } reason)
            {
                return salvaged;
            }

            var damagedAt = reader.Offset;
            var next = reader.FindNextFrame();
            regions.Add(new DamagedRegion(Path.GetFileName(path), damagedAt, (next ?? reader.FileLength) - damagedAt, reason));
            if (next is null)
            {
                return salvaged;
            }
        }
    }

    private static long GenerationOf(string path) =>
        Path.GetFileNameWithoutExtension(path) is { } name && name.StartsWith("wal-", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : 0;
}
