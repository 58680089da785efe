namespace MemoryFunctions.Local;

/// <summary>What <see cref="LocalStorageEngine.RepairAsync"/> salvaged, and where the damaged originals now are.</summary>
/// <param name="QuarantineDirectory">Folder holding the original files, untouched; null when there was nothing to repair.</param>
/// <param name="RecordsSalvaged">Records read and kept (memories, history events, operations, erasures).</param>
/// <param name="DamagedRegions">Every stretch of bytes that could not be read, by file and offset.</param>
public sealed record LocalStoreRepairReport(string? QuarantineDirectory, long RecordsSalvaged, IReadOnlyList<DamagedRegion> DamagedRegions);

/// <summary>Bytes of <paramref name="File"/> from <paramref name="Offset"/> that held no readable record, and why reading stopped there.</summary>
public sealed record DamagedRegion(string File, long Offset, long Length, string Reason);
