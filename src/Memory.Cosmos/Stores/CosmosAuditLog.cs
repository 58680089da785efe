using MemoryFunctions.Core.Audit;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// <see cref="IAuditLog"/> in the memory container, each tenant's records in the audit partition of that tenant
/// (<see cref="AuditDocument"/>): an upsert per write (the outcome replaces the start, about 10 RU), one single-partition
/// query per read. The memory store's erase deletes by id inside the user's own partition only, so it never reaches them.
/// </summary>
internal sealed class CosmosAuditLog(CosmosMemoryContainer memoryContainer, IOptions<AuditOptions> options, TimeProvider timeProvider) : IAuditLog
{
    private readonly Container _container = memoryContainer.Container;
    private readonly AuditOptions _options = options.Value;

    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var content = CosmosJson.ToStream(DocumentMapper.ToDocument(record, _options.Retention));
        using var response = await _container.UpsertItemStreamAsync(content, PartitionOf(record.TenantId), cancellationToken: cancellationToken);
        CosmosMetrics.Record("audit.write", response.Headers.RequestCharge);
        CosmosFailures.ThrowIfFailed(response, "audit.write");
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var documents = await FeedReader.ToListAsync<AuditDocument>(
            _container,
            CosmosQueryBuilder.AuditTrail(limit, timeProvider.GetUtcNow() - _options.Retention),
            FeedReader.InPartition(PartitionOf(tenantId), limit),
            "audit.read",
            cancellationToken);
        return documents.Select(document => DocumentMapper.ToRecord(document)).ToList();
    }

    private static PartitionKey PartitionOf(string tenantId) =>
        new PartitionKeyBuilder().Add(AuditDocument.AuditPartition).Add(tenantId).Build();
}
