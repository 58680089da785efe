namespace MemoryFunctions.Local.Storage;

/// <summary>The first byte of every frame payload. Values are on disk: never renumber.</summary>
internal enum EntryType : byte
{
    MemoryPut = 1,
    MemoryDelete = 2,
    History = 3,
    OperationPut = 4,
    /// <summary>Carries the partition's new epoch; in format 2 the erase itself is the destruction of the partition's keys.</summary>
    PartitionErase = 5,
    SnapshotHeader = 6,
    SnapshotFooter = 7,
    FileHeader = 8,
    /// <summary>An audit record (format 3 on); unsealed, so no partition's erase can remove it.</summary>
    AuditPut = 9,
}
