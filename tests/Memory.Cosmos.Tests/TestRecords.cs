using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Cosmos.Tests;

/// <summary>The records the Cosmos tests write, built in one place; each test names the partition and the time.</summary>
internal static class TestRecords
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static MemoryRecord Memory(MemoryPartition partition, string text = "likes tea", DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, null, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Text = text,
            Embedding = [1, 0, 0],
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = when,
            UpdatedAt = when,
            ValidFrom = when,
        };
    }

    public static MemoryOperation Operation(MemoryPartition partition, string id = "op_1", OperationStatus status = OperationStatus.Queued, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        return new MemoryOperation
        {
            Id = id,
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Status = status,
            Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "I live in Oslo", when)]),
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    public static HistoryEvent Added(MemoryRecord memory, DateTimeOffset? at = null) =>
        HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, at ?? memory.CreatedAt, "test");
}
