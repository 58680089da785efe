using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Operations;

public sealed record OperationWriteResult(WriteStatus Status, MemoryOperation? Operation);
