using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Gateway.Query;
using MemoryFunctions.Cosmos.Gateway.Throughput;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>
/// Point operations on documents with the service's rules, shared by single requests and transactional batches. Limits
/// (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-item-limits): an item is at most 2 MB (UTF-8 length of
/// its JSON), its id at most 1,023 bytes without '/', '\', '?' or '#'; a logical partition holds at most 20 GB (403, sub-status
/// 1014). The partition key inside the document must equal the request's (400, sub-status 1001). If-Match compares the
/// stored <c>_etag</c> (412). Callers hold <see cref="GatewayDocuments.Sync"/>.
/// </summary>
internal sealed class DocumentWriter(GatewayDocuments documents, CosmosGatewayOptions options)
{
    public const int MaxItemBytes = 2 * 1024 * 1024;
    public const int PartitionKeyMismatch = 1001;
    public const int PartitionFull = 1014;
    private const int MaxIdBytes = 1023;

    public WriteOutcome Read(string partitionKey, string id) =>
        documents.Get(partitionKey, id) is { } found
            ? new WriteOutcome(HttpStatusCode.OK, 0, found, RequestCharges.Read(found.Size))
            : new WriteOutcome(HttpStatusCode.NotFound, 0, null, 1, "Entity with the specified id does not exist in the system.");

    public WriteOutcome Create(string partitionKey, byte[] body, List<UndoEntry>? undo) => Write(partitionKey, null, body, null, undo, create: true, replace: false);

    public WriteOutcome Upsert(string partitionKey, byte[] body, string? ifMatch, List<UndoEntry>? undo) => Write(partitionKey, null, body, ifMatch, undo, create: true, replace: true);

    public WriteOutcome Replace(string partitionKey, string id, byte[] body, string? ifMatch, List<UndoEntry>? undo) => Write(partitionKey, id, body, ifMatch, undo, create: false, replace: true);

    public WriteOutcome Delete(string partitionKey, string id, string? ifMatch, List<UndoEntry>? undo)
    {
        var existing = documents.Get(partitionKey, id);
        if (existing is null)
        {
            return WriteOutcome.Error(HttpStatusCode.NotFound, "Entity with the specified id does not exist in the system.");
        }

        if (ifMatch is not null && ifMatch != existing.ETag)
        {
            return WriteOutcome.Error(HttpStatusCode.PreconditionFailed, "Operation cannot be performed because one of the specified precondition is not met.");
        }

        undo?.Add(new UndoEntry(partitionKey, id, existing));
        documents.Remove(partitionKey, id);
        return new WriteOutcome(HttpStatusCode.NoContent, 0, null, RequestCharges.Write(existing.Size));
    }

    public WriteOutcome Patch(string partitionKey, string id, byte[] body, string? ifMatch, SqlEvaluator conditionEvaluator, List<UndoEntry>? undo)
    {
        PatchSpec spec;
        try
        {
            spec = PatchSpec.Parse(body);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, "The patch request body is not valid: " + exception.Message);
        }

        var existing = documents.Get(partitionKey, id);
        if (existing is null)
        {
            return WriteOutcome.Error(HttpStatusCode.NotFound, "Entity with the specified id does not exist in the system.");
        }

        if (ifMatch is not null && ifMatch != existing.ETag)
        {
            return WriteOutcome.Error(HttpStatusCode.PreconditionFailed, "Operation cannot be performed because one of the specified precondition is not met.");
        }

        if (spec.Condition is { } condition)
        {
            var predicate = SqlParser.Parse(condition);
            if (predicate.HasSelect || predicate.Where is null || !conditionEvaluator.IsTrue(predicate.Where, existing.Body))
            {
                return WriteOutcome.Error(HttpStatusCode.PreconditionFailed, "Operation cannot be performed because one of the specified precondition is not met.");
            }
        }

        var (patched, error) = spec.Apply(existing.Body);
        return error ?? Store(partitionKey, id, patched!, existing, undo, HttpStatusCode.OK);
    }

    private WriteOutcome Write(string partitionKey, string? id, byte[] body, string? ifMatch, List<UndoEntry>? undo, bool create, bool replace)
    {
        if (body.Length > MaxItemBytes)
        {
            return WriteOutcome.Error(HttpStatusCode.RequestEntityTooLarge, $"Request size is too large: the item is {body.Length} bytes, the limit is {MaxItemBytes}.");
        }

        JsonObject document;
        try
        {
            document = JsonNode.Parse(body)?.AsObject() ?? throw new JsonException("empty");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, "The input content is not valid JSON: " + exception.Message);
        }

        if (document["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, "The input content is invalid because the required properties - 'id; ' - are missing.");
        }

        var documentId = idValue.GetValue<string>();
        if (System.Text.Encoding.UTF8.GetByteCount(documentId) > MaxIdBytes || documentId.IndexOfAny(['/', '\\', '?', '#']) >= 0 || documentId.Length == 0)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, $"The id '{documentId}' is not valid: at most {MaxIdBytes} bytes, without '/', '\\', '?' or '#'.");
        }

        if (id is not null && id != documentId)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, "The id in the request URI does not match the id in the document.");
        }

        if (new JsonArray(document["tenantId"]?.DeepClone(), document["userId"]?.DeepClone()).ToJsonString() != partitionKey)
        {
            return WriteOutcome.Error(HttpStatusCode.BadRequest, "PartitionKey extracted from document doesn't match the one specified in the header.", PartitionKeyMismatch);
        }

        var existing = documents.Get(partitionKey, documentId);
        if (existing is not null && !replace)
        {
            return WriteOutcome.Error(HttpStatusCode.Conflict, "Entity with the specified id already exists in the system.");
        }

        if (existing is null && !create)
        {
            return WriteOutcome.Error(HttpStatusCode.NotFound, "Entity with the specified id does not exist in the system.");
        }

        if (ifMatch is not null && ifMatch != existing?.ETag)
        {
            return WriteOutcome.Error(HttpStatusCode.PreconditionFailed, "Operation cannot be performed because one of the specified precondition is not met.");
        }

        return Store(partitionKey, documentId, document, existing, undo, existing is null ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    private WriteOutcome Store(string partitionKey, string id, JsonObject document, StoredDocument? existing, List<UndoEntry>? undo, HttpStatusCode status)
    {
        foreach (var system in new[] { "_rid", "_self", "_etag", "_attachments", "_ts" })
        {
            document.Remove(system);
        }

        var size = GatewayDocuments.SizeOf(document);
        if (size > MaxItemBytes)
        {
            return WriteOutcome.Error(HttpStatusCode.RequestEntityTooLarge, $"Request size is too large: the item is {size} bytes, the limit is {MaxItemBytes}.");
        }

        if (documents.BytesOf(partitionKey) - (existing?.Size ?? 0) + size > options.LogicalPartitionLimitBytes)
        {
            return WriteOutcome.Error(HttpStatusCode.Forbidden, "Partition key reached maximum size of 20 GB.", PartitionFull);
        }

        undo?.Add(new UndoEntry(partitionKey, id, existing));
        var stored = documents.Put(partitionKey, document, size);
        return new WriteOutcome(status, 0, stored, RequestCharges.Write(size));
    }
}
