namespace MemoryFunctions.Core.Storage;

/// <summary>Store outcomes as values: adapters translate SDK status codes (404, 409, 412) into these, never exceptions.</summary>
public enum WriteStatus
{
    Written,
    AlreadyExists,
    NotFound,
    PreconditionFailed,

    /// <summary>
    /// Refused because the partition was erased after the work doing the write began (its epoch moved on): nothing was
    /// written, and the work must stop. See <see cref="MemoryWriteOptions.Epoch"/>.
    /// </summary>
    PartitionErased,
}
