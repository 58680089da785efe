using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Gateway.Documents;
using MemoryFunctions.Cosmos.Gateway.Query;
using MemoryFunctions.Cosmos.Gateway.Requests;
using MemoryFunctions.Cosmos.Gateway.Routing;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>Data calls: point operations, transactional batches, query plans and queries on the container's documents.</summary>
public sealed partial class CosmosGateway
{
    /// <summary>Operations in one transactional batch (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-request-limits).</summary>
    public const int MaxBatchOperations = 100;

    private static readonly ConcurrentDictionary<string, SqlQuery> Parsed = new(StringComparer.Ordinal);

    private async Task<(HttpResponseMessage Response, double Charge)> DispatchAsync(RecordedCosmosRequest request)
    {
        var documentsPath = ContainerPath + "/docs";
        if (!request.Path.StartsWith(documentsPath, StringComparison.Ordinal))
        {
            return (GatewayResponses.Status(HttpStatusCode.NotFound, 1003, $"Owner resource does not exist: {request.Path}."), 0);
        }

        try
        {
            if (request.Path == documentsPath && request.Method == HttpMethod.Post)
            {
                return request.IsBatch ? await BatchAsync(request)
                    : request.IsQueryPlan ? (GatewayResponses.Json(HttpStatusCode.OK, QueryPlanner.Plan(ParseQuery(request).Query, DistanceFunction, FullTextPaths)), 0)
                    : request.IsQuery ? Query(request)
                    : Respond(request, Locked(pk => IsUpsert(request)
                        ? _writer.Upsert(pk, request.Content, request.Header("If-Match"), null)
                        : _writer.Create(pk, request.Content, null), request));
            }

            var id = request.Path[(documentsPath.Length + 1)..];
            var outcome = request.Method.Method switch
            {
                "GET" => Locked(pk => _writer.Read(pk, id), request),
                "PUT" => Locked(pk => _writer.Replace(pk, id, request.Content, request.Header("If-Match"), null), request),
                "DELETE" => Locked(pk => _writer.Delete(pk, id, request.Header("If-Match"), null), request),
                "PATCH" => Locked(pk => _writer.Patch(pk, id, request.Content, request.Header("If-Match"), Evaluator([]), null), request),
                _ => WriteOutcome.Error(HttpStatusCode.MethodNotAllowed, $"{request.Method} is not supported on documents."),
            };
            return Respond(request, outcome);
        }
        catch (SqlException exception)
        {
            return (GatewayResponses.Status(HttpStatusCode.BadRequest, message: exception.Message), 0);
        }
        catch (InvalidContinuationException exception)
        {
            return (GatewayResponses.Status(HttpStatusCode.BadRequest, message: exception.Message), 0);
        }
        catch (MissingPartitionKeyException exception)
        {
            return (GatewayResponses.Status(HttpStatusCode.BadRequest, message: exception.Message), 0);
        }
    }

    private string DistanceFunction =>
        Container["vectorEmbeddingPolicy"]?["vectorEmbeddings"]?[0]?["distanceFunction"]?.GetValue<string>().ToLowerInvariant() ?? "cosine";

    /// <summary>Paths in both the container's full-text policy and its full-text indexes: the only ones FullTextScore may score.</summary>
    private HashSet<string> FullTextPaths =>
        [.. (Container["fullTextPolicy"]?["fullTextPaths"]?.AsArray() ?? []).Select(path => path?["path"]?.GetValue<string>())
            .Where(path => path is not null && (Container["indexingPolicy"]?["fullTextIndexes"]?.AsArray() ?? []).Any(index => index?["path"]?.GetValue<string>() == path))
            .Select(path => path!)];

    private static bool IsUpsert(RecordedCosmosRequest request) =>
        bool.TryParse(request.Header("x-ms-documentdb-is-upsert"), out var upsert) && upsert;

    /// <summary><c>Prefer: return=minimal</c>: the service answers a write with headers only (the SDK sends it when content response on write is off).</summary>
    private static bool Minimal(RecordedCosmosRequest request) =>
        request.Header("Prefer") is { } prefer && prefer.Contains("return=minimal", StringComparison.OrdinalIgnoreCase);

    private WriteOutcome Locked(Func<string, WriteOutcome> operation, RecordedCosmosRequest request)
    {
        var partitionKey = request.PartitionKey is { } header
            ? GatewayDocuments.Normalize(header)
            : throw new MissingPartitionKeyException();
        if (JsonNode.Parse(partitionKey)!.AsArray().Count != (Container["partitionKey"]?["paths"]?.AsArray().Count ?? 1))
        {
            // A point operation or batch names one document, so it needs the whole hierarchical key; a prefix addresses many
            // logical partitions and serves queries only (https://learn.microsoft.com/azure/cosmos-db/hierarchical-partition-keys).
            return WriteOutcome.Error(
                HttpStatusCode.BadRequest,
                "Partition key provided either doesn't correspond to definition in the collection or doesn't match partition key field values specified in the document.",
                DocumentWriter.PartitionKeyMismatch);
        }

        lock (Documents.Sync)
        {
            return operation(partitionKey);
        }
    }

    private static (HttpResponseMessage, double) Respond(RecordedCosmosRequest request, WriteOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            return (GatewayResponses.Status(outcome.Status, outcome.SubStatus, outcome.Message, requestCharge: outcome.RequestCharge), outcome.RequestCharge);
        }

        var response = outcome.Document is null || (request.Method != HttpMethod.Get && Minimal(request))
            ? GatewayResponses.Empty(outcome.Status, outcome.RequestCharge)
            : GatewayResponses.Json(outcome.Status, outcome.Document.Body, outcome.RequestCharge);
        if (outcome.Document is not null)
        {
            response.Headers.TryAddWithoutValidation("etag", outcome.Document.ETag);
        }

        return (response, outcome.RequestCharge);
    }

    private (HttpResponseMessage, double) Query(RecordedCosmosRequest request)
    {
        var (query, parameters) = ParseQuery(request);
        var partitionKey = request.PartitionKey is { } header ? GatewayDocuments.Normalize(header) : null;
        var range = EffectiveRange(request);
        var maxItemCount = int.TryParse(request.Header("x-ms-max-item-count"), out var max) && max > 0 ? max : int.MaxValue;
        maxItemCount = Math.Min(maxItemCount, Options.MaxItemsPerPage ?? int.MaxValue);
        QueryPage page;
        lock (Documents.Sync)
        {
            page = QueryExecutor.Execute(
                query,
                Evaluator(parameters),
                after => Documents.Scan(partitionKey, after).Where(entry => range is not { } r || EffectivePartitionKey.InRange(entry.PartitionKey, r.Start, r.End)).Select(entry => entry.Document),
                maxItemCount,
                request.Header("x-ms-continuation"));
        }

        return (GatewayResponses.Page(page.Rows, page.Continuation, page.RequestCharge), page.RequestCharge);
    }

    /// <summary>
    /// The effective-partition-key range a query is limited to, or null: the SDK sends one for a key prefix (fewer components
    /// than the container's paths) whose range lies inside one physical partition, as <c>x-ms-start-epk</c> /
    /// <c>x-ms-end-epk</c> with <c>x-ms-read-key-type: EffectivePartitionKeyRange</c> beside the range id (the SDK's
    /// RequestInvokerHandler, case 3). The service then reads only the documents whose EPK lies in [start, end).
    /// </summary>
    private static (string Start, string End)? EffectiveRange(RecordedCosmosRequest request) =>
        request.Header("x-ms-read-key-type") == "EffectivePartitionKeyRange" && request.Header("x-ms-start-epk") is { } start && request.Header("x-ms-end-epk") is { } end
            ? (start, end)
            : null;

    private static (SqlQuery Query, Dictionary<string, SqlValue> Parameters) ParseQuery(RecordedCosmosRequest request)
    {
        var body = JsonNode.Parse(request.Content)?.AsObject() ?? throw new SqlException("A query needs a body.");
        var text = body["query"]?.GetValue<string>() ?? throw new SqlException("A query needs its text.");
        var parameters = new Dictionary<string, SqlValue>(StringComparer.Ordinal);
        foreach (var parameter in body["parameters"]?.AsArray() ?? [])
        {
            parameters[parameter!["name"]!.GetValue<string>()] = SqlValue.Of(parameter["value"]?.DeepClone());
        }

        return (Parsed.GetOrAdd(text, SqlParser.Parse), parameters);
    }

    private SqlEvaluator Evaluator(Dictionary<string, SqlValue> parameters) => new(parameters, DistanceFunction);

    private async Task<(HttpResponseMessage, double)> BatchAsync(RecordedCosmosRequest request)
    {
        var operations = await BatchCodec.ReadAsync(request.Content);
        if (operations is null || operations.Count == 0)
        {
            return (GatewayResponses.Status(HttpStatusCode.BadRequest, message: "The batch request body is not valid."), 0);
        }

        if (operations.Count > MaxBatchOperations)
        {
            return (GatewayResponses.Status(HttpStatusCode.BadRequest, message: $"Batch request has more operations ({operations.Count}) than what is supported ({MaxBatchOperations})."), 0);
        }

        if (request.Content.Length > DocumentWriter.MaxItemBytes)
        {
            return (GatewayResponses.Status(HttpStatusCode.RequestEntityTooLarge, message: "Request size is too large."), 0);
        }

        var results = new List<BatchResult>();
        var undo = new List<UndoEntry>();
        var charge = 0.0;
        var failed = Locked(pk =>
        {
            foreach (var operation in operations)
            {
                var outcome = Execute(pk, operation, undo);
                charge += outcome.RequestCharge;
                if (!outcome.Succeeded)
                {
                    // All or nothing (https://learn.microsoft.com/azure/cosmos-db/nosql/transactional-batch): undo, then report the
                    // failing operation's status and 424 Failed Dependency for every other one, under 207 Multi-Status.
                    undo.Reverse();
                    undo.ForEach(entry => Documents.Restore(entry.PartitionKey, entry.Id, entry.Previous));
                    var index = results.Count;
                    results.Clear();
                    results.AddRange(operations.Select((_, i) => i == index
                        ? new BatchResult(outcome.Status, outcome.SubStatus, null, null, outcome.RequestCharge)
                        : new BatchResult(HttpStatusCode.FailedDependency, 0, null, null, 0)));
                    return outcome;
                }

                var body = outcome.Document is null || (operation.MinimalReturn && operation.OperationType != BatchOperation.Read)
                    ? null
                    : JsonSerializer.SerializeToUtf8Bytes(outcome.Document.Body);
                results.Add(new BatchResult(outcome.Status, 0, outcome.Document?.ETag, body, outcome.RequestCharge));
            }

            return null!;
        }, request);

        if (failed is { Status: HttpStatusCode.Forbidden, SubStatus: DocumentWriter.PartitionFull })
        {
            // The partition's storage quota refuses the request as a whole (no per-operation results): this model's reading of a
            // partition-level refusal; the service's exact batch answer at 20 GB could not be observed.
            return (GatewayResponses.Status(HttpStatusCode.Forbidden, DocumentWriter.PartitionFull, failed.Message), charge);
        }

        var payload = await BatchCodec.WriteAsync(results);
        return (GatewayResponses.Bytes(failed is null ? HttpStatusCode.OK : (HttpStatusCode)207, payload, "application/octet-stream", charge), charge);
    }

    private WriteOutcome Execute(string partitionKey, BatchOperation operation, List<UndoEntry> undo) => operation.OperationType switch
    {
        BatchOperation.Create => _writer.Create(partitionKey, operation.Body ?? [], undo),
        BatchOperation.Upsert => _writer.Upsert(partitionKey, operation.Body ?? [], operation.IfMatch, undo),
        BatchOperation.Replace => _writer.Replace(partitionKey, operation.Id ?? string.Empty, operation.Body ?? [], operation.IfMatch, undo),
        BatchOperation.Delete => _writer.Delete(partitionKey, operation.Id ?? string.Empty, operation.IfMatch, undo),
        BatchOperation.Patch => _writer.Patch(partitionKey, operation.Id ?? string.Empty, operation.Body ?? [], operation.IfMatch, Evaluator([]), undo),
        BatchOperation.Read => _writer.Read(partitionKey, operation.Id ?? string.Empty),
        _ => WriteOutcome.Error(HttpStatusCode.BadRequest, $"Batch operation type {operation.OperationType} is not supported."),
    };

    private sealed class MissingPartitionKeyException() : Exception("PartitionKey value must be supplied for this operation.");
}
