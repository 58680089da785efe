namespace MemoryFunctions.Local.Storage;

/// <summary>The first byte of every frame payload. Values are on disk: never renumber.</summary>
internal enum EntryType : byte
{
    MemoryPut = 1,
    MemoryDelete = 2,
    History = 3,
    OperationPut = 4,
    PartitionErase = 5,
    SnapshotHeader = 6,
    SnapshotFooter = 7,
}
