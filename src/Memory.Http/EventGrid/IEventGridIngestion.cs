using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// Where the local webhook hands valid events. Stands in for <c>IngestionService.SubmitAsync</c>, which is being
/// written in parallel: the host registers an adapter over it, so this folder compiles on its own.
/// </summary>
public interface IEventGridIngestion
{
    /// <summary>Persists (or finds, by <paramref name="idempotencyKey"/>) the operation and starts its workflow; returns the operation id.</summary>
    Task<string> SubmitAsync(MemoryPartition partition, IngestionRequest request, string idempotencyKey, CancellationToken cancellationToken = default);
}
