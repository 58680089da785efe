using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Gateway;

namespace MemoryFunctions.Bench.CosmosErase;

/// <summary>
/// One heavy user's documents, seeded straight into the gateway (as if written earlier): per memory its document and an ADD
/// history event, an UPDATE event for every fifth, and one finished ingestion (ten messages) per ten memories: the issue's
/// "~250k documents for 100k memories". Every memory carries the same 1536-float vector, held once as the JSON text of
/// its array (a string node of that text, shared): the document's size is the real one, and 100k of them fit in memory;
/// the erase never reads a vector.
/// </summary>
internal static class EraseCorpus
{
    public sealed record Counts(int Memories, int History, int Operations, long MemoryBytes)
    {
        public int Total => Memories + History + Operations;
    }

    public static Counts Seed(CosmosGateway gateway, MemoryPartition user, int memories)
    {
        var key = JsonSerializer.Serialize(new[] { user.TenantId, user.UserId });
        var synthetic = new SyntheticMemories(1536, seed: 24);
        var vector = JsonValue.Create(JsonSerializer.Serialize(synthetic.Vector()));
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var (history, operations, memoryBytes) = (0, 0, 0L);
        for (var i = 0; i < memories; i++)
        {
            var memory = synthetic.Memory(user, i) with { Embedding = [] };
            var document = ToJson(DocumentMapper.ToDocument(user, memory, now, epoch: 0));
            document["embedding"] = vector.DeepClone();
            gateway.Documents.Seed(key, document);
            memoryBytes = i == 0 ? JsonSerializer.SerializeToUtf8Bytes(document).LongLength : memoryBytes;
            gateway.Documents.Seed(key, ToJson(DocumentMapper.ToDocument(user, SyntheticMemories.Added(memory), epoch: 0)));
            history++;
            if (i % 5 == 0)
            {
                var updated = HistoryEvents.For(memory, HistoryOperation.Update, memory.Text, memory.Text + " (corrected)", memory.CreatedAt.AddDays(1), "bench");
                gateway.Documents.Seed(key, ToJson(DocumentMapper.ToDocument(user, updated, epoch: 0)));
                history++;
            }

            if (i % 10 == 0)
            {
                gateway.Documents.Seed(key, ToJson(DocumentMapper.ToDocument(Ingestion(user, synthetic, i, memory.CreatedAt))));
                operations++;
            }
        }

        return new Counts(memories, history, operations, memoryBytes);
    }

    private static MemoryOperation Ingestion(MemoryPartition user, SyntheticMemories synthetic, int index, DateTimeOffset at) => new()
    {
        Id = MemoryIds.NewOperation(user, 0, new Guid(index, 0, 0, new byte[8])),
        TenantId = user.TenantId,
        UserId = user.UserId,
        Status = OperationStatus.Succeeded,
        Request = new IngestionRequest([.. Enumerable.Range(0, 10).Select(m => new ConversationMessage($"m{index}-{m}", m % 2 == 0 ? MessageRole.User : MessageRole.Assistant, synthetic.Text(30), at.AddSeconds(m)))]),
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static JsonObject ToJson<T>(T document) => JsonSerializer.SerializeToNode(document, CosmosJson.Options)!.AsObject();
}
