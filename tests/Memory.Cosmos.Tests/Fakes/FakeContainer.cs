using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Cosmos.Scripts;

namespace MemoryFunctions.Cosmos.Tests.Fakes;

/// <summary>
/// A hand-written in-memory stand-in for the few <see cref="Container"/> members the stores use: point reads and writes,
/// transactional batches (atomic, with per-operation status codes like the service), and canned query results. Everything else throws, so an unexpected call fails the test.
/// </summary>
internal sealed partial class FakeContainer : Container
{
    private long _version;

    public Dictionary<(string PartitionKey, string Id), JsonObject> Documents { get; } = [];

    /// <summary>Rows returned for a query (converted to the requested type through JSON). Null: the query throws.</summary>
    public Func<QueryDefinition, QueryRequestOptions?, IEnumerable<object>>? Query { get; set; }

    public List<(QueryDefinition Query, QueryRequestOptions? Options)> Queries { get; } = [];

    public int BatchesExecuted { get; private set; }

    /// <summary>The container's stored definition; null means the container does not exist (404).</summary>
    public ContainerProperties? Properties { get; set; }

    public override string Id => "fake";

    public override Database Database => throw new NotSupportedException();

    public override Conflicts Conflicts => throw new NotSupportedException();

    public override Scripts Scripts => throw new NotSupportedException();

    public override Task<ResponseMessage> ReadContainerStreamAsync(ContainerRequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Response(Properties is null ? HttpStatusCode.NotFound : HttpStatusCode.OK));

    public override Task<ContainerResponse> ReadContainerAsync(ContainerRequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<ContainerResponse>(new FakeContainerResponse(Properties ?? throw new CosmosException("missing", HttpStatusCode.NotFound, 0, "a", 1)));

    public static string Key(PartitionKey partitionKey) => partitionKey.ToString();

    public JsonObject? Find(PartitionKey partitionKey, string id) => Documents.GetValueOrDefault((Key(partitionKey), id));

    public override Task<ResponseMessage> ReadItemStreamAsync(string id, PartitionKey partitionKey, ItemRequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(partitionKey, id) is { } document ? Response(HttpStatusCode.OK, document) : Response(HttpStatusCode.NotFound));

    public override Task<ResponseMessage> CreateItemStreamAsync(Stream streamPayload, PartitionKey partitionKey, ItemRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var document = JsonNode.Parse(streamPayload)!.AsObject();
        var status = Apply(Documents, Key(partitionKey), new BatchOperation(BatchKind.Create, (string)document["id"]!, document, null));
        return Task.FromResult(Response(status, status == HttpStatusCode.Created ? Find(partitionKey, (string)document["id"]!) : null));
    }

    public override Task<ResponseMessage> ReplaceItemStreamAsync(Stream streamPayload, string id, PartitionKey partitionKey, ItemRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var document = JsonNode.Parse(streamPayload)!.AsObject();
        var status = Apply(Documents, Key(partitionKey), new BatchOperation(BatchKind.Replace, id, document, requestOptions?.IfMatchEtag));
        return Task.FromResult(Response(status, status == HttpStatusCode.OK ? Find(partitionKey, id) : null));
    }

    public override Task<ResponseMessage> UpsertItemStreamAsync(Stream streamPayload, PartitionKey partitionKey, ItemRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var document = JsonNode.Parse(streamPayload)!.AsObject();
        var status = Apply(Documents, Key(partitionKey), new BatchOperation(BatchKind.Upsert, (string)document["id"]!, document, null));
        return Task.FromResult(Response(status, Find(partitionKey, (string)document["id"]!)));
    }

    public override Task<ResponseMessage> DeleteItemStreamAsync(string id, PartitionKey partitionKey, ItemRequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Response(Apply(Documents, Key(partitionKey), new BatchOperation(BatchKind.Delete, id, null, requestOptions?.IfMatchEtag))));

    public override TransactionalBatch CreateTransactionalBatch(PartitionKey partitionKey) => new FakeBatch(this, Key(partitionKey));

    public override FeedIterator<T> GetItemQueryIterator<T>(QueryDefinition queryDefinition, string? continuationToken = null, QueryRequestOptions? requestOptions = null)
    {
        Queries.Add((queryDefinition, requestOptions));
        var rows = (Query ?? throw new NotSupportedException("No query results configured.")).Invoke(queryDefinition, requestOptions);
        var items = rows.Select(row => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(row, CosmosJson.Options), CosmosJson.Options)!).ToList();
        return new FakeFeedIterator<T>(items);
    }

    /// <summary>Applies batch operations atomically: all or none, failing operation's status first, the rest 424.</summary>
    internal (HttpStatusCode Status, IReadOnlyList<(HttpStatusCode Status, string? ETag)> Results) Execute(string partitionKey, IReadOnlyList<BatchOperation> operations)
    {
        BatchesExecuted++;
        var staged = new Dictionary<(string, string), JsonObject>(Documents);
        var results = new List<(HttpStatusCode, string?)>();
        foreach (var operation in operations)
        {
            var status = Apply(staged, partitionKey, operation);
            if ((int)status >= 300)
            {
                var failed = operations.Select(o => o == operation ? (status, (string?)null) : (HttpStatusCode.FailedDependency, null)).ToList();
                return (status, failed);
            }

            results.Add((status, (string?)staged.GetValueOrDefault((partitionKey, operation.Id))?["_etag"]?.GetValue<string>()));
        }

        Documents.Clear();
        foreach (var pair in staged)
        {
            Documents[pair.Key] = pair.Value;
        }

        return (HttpStatusCode.OK, results);
    }

    private HttpStatusCode Apply(Dictionary<(string, string), JsonObject> store, string partitionKey, BatchOperation operation)
    {
        var key = (partitionKey, operation.Id);
        var exists = store.TryGetValue(key, out var current);
        if (operation.IfMatch is not null && exists && (string?)current!["_etag"] != operation.IfMatch)
        {
            return HttpStatusCode.PreconditionFailed;
        }

        switch (operation.Kind)
        {
            case BatchKind.Create when exists:
                return HttpStatusCode.Conflict;
            case BatchKind.Replace or BatchKind.Delete or BatchKind.Patch when !exists:
                return HttpStatusCode.NotFound;
            case BatchKind.Patch:
                var wanted = long.Parse(operation.Filter!.Split('=')[^1].Trim(), CultureInfo.InvariantCulture);
                if (current!["epoch"]!.GetValue<long>() != wanted)
                {
                    return HttpStatusCode.PreconditionFailed;
                }

                var patched = current.DeepClone().AsObject();
                patched["fencedWrites"] = (patched["fencedWrites"]?.GetValue<long>() ?? 0) + 1;
                patched["_etag"] = $"\"{++_version}\"";
                store[key] = patched;
                return HttpStatusCode.OK;
            case BatchKind.Delete:
                store.Remove(key);
                return HttpStatusCode.NoContent;
            default:
                var document = operation.Document!.DeepClone().AsObject();
                document["_etag"] = $"\"{++_version}\"";
                store[key] = document;
                return operation.Kind == BatchKind.Create || !exists ? HttpStatusCode.Created : HttpStatusCode.OK;
        }
    }

    private static ResponseMessage Response(HttpStatusCode status, JsonObject? document = null)
    {
        var response = new ResponseMessage(status);
        response.Headers["x-ms-request-charge"] = "1.5";
        if (document is not null)
        {
            response.Headers["etag"] = (string?)document["_etag"];
            response.Content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document));
        }

        return response;
    }

    private sealed class FakeContainerResponse(ContainerProperties properties) : ContainerResponse
    {
        public override ContainerProperties Resource => properties;
    }
}
