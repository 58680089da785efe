using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Http.Tests.EventGrid;

/// <summary>Records submissions and answers with an operation id derived from the idempotency key, like the real service.</summary>
internal sealed class FakeEventGridIngestion : IEventGridIngestion
{
    public List<(MemoryPartition Partition, IngestionRequest Request, string IdempotencyKey)> Submitted { get; } = [];

    public Task<string> SubmitAsync(MemoryPartition partition, IngestionRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Submitted.Add((partition, request, idempotencyKey));
        return Task.FromResult(MemoryIds.ForOperation(partition, 0, idempotencyKey));
    }
}
