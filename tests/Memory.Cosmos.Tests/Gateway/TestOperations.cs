using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>Records for the gateway tests, all in partition [t, u].</summary>
internal static class TestOperations
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static MemoryOperation Queued() => new()
    {
        Id = "op_1",
        TenantId = "t",
        UserId = "u",
        Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "hello", Now)]),
        IdempotencyKey = "key",
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    public static MemoryRecord Memory(string text = "likes tea")
    {
        var partition = new MemoryPartition("t", "u");
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, null, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Text = text,
            Embedding = [1, 0, 0],
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = Now,
            UpdatedAt = Now,
            ValidFrom = Now,
        };
    }

    public static HistoryEvent History() => HistoryEvents.For(Memory(), HistoryOperation.Add, null, "likes tea", Now, "test");
}
