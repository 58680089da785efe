namespace MemoryFunctions.Local.Storage;

/// <summary>The first byte of every frame payload. Values are on disk: never renumber.</summary>
internal enum EntryType : byte
{
    MemoryPut = 1,
    MemoryDelete = 2,
    History = 3,
    OperationPut = 4,
    /// <summary>Written by format version 1 only; version 2 erases by destroying the partition's key.</summary>
    PartitionErase = 5,
    SnapshotHeader = 6,
    SnapshotFooter = 7,
    FileHeader = 8,
}
