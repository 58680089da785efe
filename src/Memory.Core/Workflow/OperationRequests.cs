using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The request of the operation a step works for, read from the operation store by the step itself: step inputs carry the
/// operation id, never the turns, so orchestration history (every step's input and output) stays small however long
/// the turns are, and an erase that purges history has no copy of them to miss.
/// </summary>
internal static class OperationRequests
{
    private static readonly IngestionRequest None = new([]);

    /// <summary>The request, or an empty one when the operation is gone or was cut down to a stub by an erase: then there is nothing left to work on.</summary>
    public static async Task<IngestionRequest> ReadRequestAsync(this IOperationStore operations, MemoryPartition partition, string operationId, CancellationToken cancellationToken) =>
        (await operations.GetAsync(partition, operationId, cancellationToken))?.Request ?? None;
}
