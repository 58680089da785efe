namespace MemoryFunctions.Core.Storage;

/// <summary>Conditions a write must meet besides its ETag.</summary>
public sealed record MemoryWriteOptions
{
    /// <summary>
    /// The partition epoch (<see cref="IMemoryStore.GetEpochAsync"/>) the work doing this write began in. When set, the
    /// store refuses the write with <see cref="WriteStatus.PartitionErased"/> if the partition has been erased since, and
    /// checks it in the same atomic write (not in a read before it), so nothing begun before an erase can write after it.
    /// Null: an unfenced write that begins now (a direct write by a caller).
    /// </summary>
    public long? Epoch { get; init; }

    public static MemoryWriteOptions InEpoch(long epoch) => new() { Epoch = epoch };
}
