using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// What an erase operation reports besides its status: how much of the user it removes (null until counted) and, on the
/// Functions app, how many workflow instances' history could not be purged (the operation failed then). Never its audit record.
/// </summary>
public sealed record OperationErasureResponse(int? MemoriesErased, int? OperationsErased, int? InstancesLeft)
{
    public static OperationErasureResponse? From(OperationErasure? erasure) =>
        erasure is null ? null : new(erasure.MemoriesErased, erasure.OperationsErased, erasure.InstancesLeft);
}
