using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// What every step of a background erase needs: whose erase, its operation, and the epoch it moved the partition to
/// (everything written before that epoch is deleted). Ids and a number only, so workflow history holds no user data.
/// </summary>
public sealed record ErasureStepInput(string TenantId, string UserId, string OperationId, long Epoch)
{
    public MemoryPartition Partition => new(TenantId, UserId);

    public static ErasureStepInput For(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(operation.TenantId, operation.UserId, operation.Id, operation.Epoch);
    }
}
