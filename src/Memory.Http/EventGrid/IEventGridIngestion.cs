using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>Where the webhook hands valid events: the host's <see cref="IngestionService"/> (the Functions app's is bound per invocation to its Durable client).</summary>
public interface IEventGridIngestion
{
    /// <summary>
    /// Persists (or finds, by <paramref name="idempotencyKey"/>) the operation and starts its workflow;
    /// <see cref="IngestionSubmission.KeyReused"/> when the key belongs to an event with another <paramref name="requestFingerprint"/>.
    /// </summary>
    Task<IngestionSubmission> SubmitAsync(
        MemoryPartition partition, IngestionRequest request, string idempotencyKey, string requestFingerprint, CancellationToken cancellationToken = default);
}
