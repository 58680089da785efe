using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// A state change as it is logged. Live writes and recovery replay apply exactly these, through the same code,
/// so what a restart rebuilds is what was acknowledged.
/// </summary>
internal abstract record LogEntry(long Sequence);

/// <summary>A memory inserted or replaced (its ETag already assigned), with the history event recorded alongside.</summary>
internal sealed record MemoryPutEntry(long Sequence, MemoryRecord Memory, HistoryEvent? History) : LogEntry(Sequence);

internal sealed record MemoryDeleteEntry(long Sequence, MemoryPartition Partition, string MemoryId, HistoryEvent? History) : LogEntry(Sequence);

/// <summary>Only in snapshots: history outlives deleted memories, so it is stored on its own.</summary>
internal sealed record HistoryEntry(long Sequence, HistoryEvent History) : LogEntry(Sequence);

internal sealed record OperationPutEntry(long Sequence, MemoryOperation Operation) : LogEntry(Sequence);

/// <summary>An audit record written or replaced (its outcome after its start); belongs to no partition, so no erase touches it.</summary>
internal sealed record AuditPutEntry(long Sequence, AuditRecord Record) : LogEntry(Sequence);

/// <summary>
/// An erase; its sequence number becomes the partition's epoch (unique and increasing, so never reused after a restart).
/// With <see cref="EraseScope.None"/> it only carries the epoch: how a snapshot keeps the epochs of erased partitions.
/// <paramref name="ShreddedKeys"/> names the keys it destroys, so recovery finishes the shredding a crash interrupted
/// (key ids are not secret; absent in entries written before it existed, and in snapshots, where it has no use).
/// </summary>
internal sealed record PartitionEraseEntry(long Sequence, MemoryPartition Partition, EraseScope Scope, IReadOnlyList<Guid>? ShreddedKeys = null) : LogEntry(Sequence);

/// <summary>First frame of a snapshot: the last sequence it contains and the log generation that continues it.</summary>
internal sealed record SnapshotHeaderEntry(long Sequence, long NextGeneration) : LogEntry(Sequence);

/// <summary>Last frame of a snapshot; a snapshot without it (or with a wrong count) was not written completely.</summary>
internal sealed record SnapshotFooterEntry(long Sequence, long EntryCount) : LogEntry(Sequence);

[Flags]
internal enum EraseScope
{
    None = 0,
    Memories = 1,
    Operations = 2,
}

/// <summary>Which of a partition's two keys protects a record: memories (with history) and operations are erased separately.</summary>
internal enum KeyScope : byte
{
    Memories = 1,
    Operations = 2,
}

/// <summary>A record whose partition key is gone: it belongs to an erased partition and is skipped (and dropped by the next compaction).</summary>
internal sealed record ShreddedEntry(long Sequence) : LogEntry(Sequence);

/// <summary>First frame of every log and snapshot file: which format the rest is in.</summary>
internal sealed record FileHeaderEntry(int FormatVersion) : LogEntry(0);
