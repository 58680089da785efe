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

/// <summary>
/// An erase; its sequence number becomes the partition's epoch (unique and increasing, so never reused after a restart).
/// With <see cref="EraseScope.None"/> it only carries the epoch: how a snapshot keeps the epochs of erased partitions.
/// </summary>
internal sealed record PartitionEraseEntry(long Sequence, MemoryPartition Partition, EraseScope Scope) : LogEntry(Sequence);

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
