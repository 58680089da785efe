namespace MemoryFunctions.Core.Storage;

/// <summary>Store outcomes as values: adapters translate SDK status codes (404, 409, 412) into these, never exceptions.</summary>
public enum WriteStatus
{
    Written,
    AlreadyExists,
    NotFound,
    PreconditionFailed,
}
