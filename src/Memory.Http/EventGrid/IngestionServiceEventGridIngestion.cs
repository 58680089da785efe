using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>Hands webhook events to the same <see cref="IngestionService"/> as <c>POST /messages</c>.</summary>
public sealed class IngestionServiceEventGridIngestion(IngestionService ingestion) : IEventGridIngestion
{
    public Task<IngestionSubmission> SubmitAsync(
        MemoryPartition partition, IngestionRequest request, string idempotencyKey, string requestFingerprint, CancellationToken cancellationToken = default) =>
        ingestion.SubmitAsync(partition, request, idempotencyKey, requestFingerprint, cancellationToken: cancellationToken);
}
