using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Local;

/// <summary>Settings of the embedded store, bound from <c>Memory:Local</c>.</summary>
public sealed class LocalStoreOptions
{
    public const string SectionName = "Memory:Local";

    /// <summary>Where the log and snapshot live; relative paths are resolved against the current working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Memory:Local:DataDirectory must name a directory for the embedded store (default: data).")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Snapshot and start a fresh log once the log is this large. Bounds restart time and disk use.</summary>
    [Range(4 * 1024, long.MaxValue, ErrorMessage = "Memory:Local:CompactAfterLogBytes must be at least 4096.")]
    public long CompactAfterLogBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Snapshot and start a fresh log after this many log records, whichever threshold comes first.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Memory:Local:CompactAfterLogRecords must be at least 1.")]
    public int CompactAfterLogRecords { get; set; } = 200_000;

    /// <summary>Most writes committed by one fsync. Larger batches raise throughput under load and the latency of the unlucky last writer.</summary>
    [Range(1, 100_000, ErrorMessage = "Memory:Local:MaxBatchSize must be between 1 and 100000.")]
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// A partition with at least this many memories gets an approximate (HNSW) vector index, built in the background while
    /// exact search serves; below it every search is exact. 0 keeps every search exact.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Memory:Local:ApproximateIndexThreshold must be 0 (exact search only) or a positive number of memories.")]
    public int ApproximateIndexThreshold { get; set; } = 10_000;
}
