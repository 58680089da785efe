using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Http.Tests.EventGrid;

/// <summary>
/// Records submissions and answers like the real service: the operation id derives from the idempotency key, and a key
/// seen before with another fingerprint is <see cref="IngestionSubmission.KeyReused"/>.
/// </summary>
internal sealed class FakeEventGridIngestion : IEventGridIngestion
{
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    public List<(MemoryPartition Partition, IngestionRequest Request, string IdempotencyKey)> Submitted { get; } = [];

    public Task<IngestionSubmission> SubmitAsync(
        MemoryPartition partition, IngestionRequest request, string idempotencyKey, string requestFingerprint, CancellationToken cancellationToken = default)
    {
        Submitted.Add((partition, request, idempotencyKey));
        var id = MemoryIds.ForOperation(partition, 0, idempotencyKey);
        var operation = new MemoryOperation { Id = id, TenantId = partition.TenantId, UserId = partition.UserId, Request = request, RequestFingerprint = requestFingerprint };
        if (_fingerprints.TryGetValue(id, out var first))
        {
            return Task.FromResult(new IngestionSubmission(operation, Created: false, KeyReused: first != requestFingerprint));
        }

        _fingerprints[id] = requestFingerprint;
        return Task.FromResult(new IngestionSubmission(operation, Created: true));
    }
}
