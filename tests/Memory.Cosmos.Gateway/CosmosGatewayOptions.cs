namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>The account and container the gateway stands for, and the knobs of its throughput model.</summary>
public sealed class CosmosGatewayOptions
{
    /// <summary>
    /// The largest throughput one physical partition serves (https://learn.microsoft.com/azure/cosmos-db/partitioning-overview#physical-partitions).
    /// The gateway models one physical partition, which is what a container at or below this throughput (and 50 GB) has.
    /// </summary>
    public const double PhysicalPartitionThroughputLimit = 10_000;

    public string DatabaseName { get; init; } = "memory";

    public string ContainerName { get; init; } = "memories";

    /// <summary>Dimensions of the container's vector embedding policy on <c>/embedding</c>.</summary>
    public int EmbeddingDimensions { get; init; } = 1536;

    /// <summary>The vector index type the container reports (<c>diskANN</c>, <c>quantizedFlat</c>, <c>flat</c>).</summary>
    public string VectorIndexType { get; init; } = "diskANN";

    /// <summary>The clock of TTL expiry and of the throughput budget; a fake clock makes both virtual.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Provisioned RU/s of the container (one physical partition, shared by every user in it). Null: unmetered, charges are
    /// still computed and reported. At most <see cref="PhysicalPartitionThroughputLimit"/>.
    /// </summary>
    public double? ProvisionedThroughput { get; init; }

    /// <summary>Priority-based execution enabled on the account: only then is <c>x-ms-cosmos-priority-level</c> honoured.</summary>
    public bool PriorityBasedExecution { get; init; }

    /// <summary>
    /// Storage limit of one logical partition (https://learn.microsoft.com/azure/cosmos-db/concepts-limits: 20 GB). A test may
    /// lower it to reach the limit with a few documents; it may never raise it.
    /// </summary>
    public long LogicalPartitionLimitBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>
    /// At most this many items per query page, whatever the request asks: the service may return fewer items than
    /// MaxItemCount, even none, with a continuation (https://learn.microsoft.com/azure/cosmos-db/nosql/query/pagination),
    /// and callers must keep reading. Null: pages are as full as asked.
    /// </summary>
    public int? MaxItemsPerPage { get; init; }

    /// <summary>
    /// Keep every request for inspection (<see cref="CosmosGateway.Requests"/>). A benchmark of hundreds of thousands of
    /// requests turns it off: they would all stay in memory.
    /// </summary>
    public bool RecordRequests { get; init; } = true;

    internal void Validate()
    {
        if (ProvisionedThroughput is { } throughput && (throughput <= 0 || throughput > PhysicalPartitionThroughputLimit))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ProvisionedThroughput), throughput, $"The gateway models one physical partition: between 0 and {PhysicalPartitionThroughputLimit} RU/s.");
        }

        if (LogicalPartitionLimitBytes is <= 0 or > 20L * 1024 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(LogicalPartitionLimitBytes), LogicalPartitionLimitBytes, "At most the service's 20 GB.");
        }
    }
}
