using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>Hands webhook events to the same <see cref="IngestionService"/> as <c>POST /messages</c>.</summary>
public sealed class IngestionServiceEventGridIngestion(IngestionService ingestion) : IEventGridIngestion
{
    public async Task<string> SubmitAsync(MemoryPartition partition, IngestionRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        (await ingestion.SubmitAsync(partition, request, idempotencyKey, cancellationToken)).Operation.Id;
}
