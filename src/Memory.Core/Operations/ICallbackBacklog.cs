using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// The completion callbacks a store still owes (<see cref="MemoryOperation.AwaitsCallback"/>), for a host that delivers
/// them in-process (the local server): it lists them again after a restart or a crash. The state lives on the operation,
/// so erasing a user erases whatever was owed to them with their operations.
/// </summary>
public interface ICallbackBacklog
{
    /// <summary>Finished operations whose callback is not settled yet, in every partition, oldest first.</summary>
    IAsyncEnumerable<MemoryOperation> ListAwaitingAsync(CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="delivery"/> on the operation; does nothing when the operation is gone (its user was erased).</summary>
    Task RecordAsync(MemoryPartition partition, string operationId, CallbackDelivery delivery, CancellationToken cancellationToken = default);
}
