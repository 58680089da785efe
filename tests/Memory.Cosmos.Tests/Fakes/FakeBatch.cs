using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Fakes;

internal enum BatchKind
{
    Create,
    Upsert,
    Replace,
    Delete,

    /// <summary>Only the fence's patch: increments a counter when the filter <c>FROM c WHERE c.epoch = N</c> holds (412 otherwise).</summary>
    Patch,
}

internal sealed record BatchOperation(BatchKind Kind, string Id, JsonObject? Document, string? IfMatch, string? Filter = null);

/// <summary>Collects batch operations and hands them to <see cref="FakeContainer.Execute"/>.</summary>
internal sealed class FakeBatch(FakeContainer container, string partitionKey) : TransactionalBatch
{
    private readonly List<BatchOperation> _operations = [];

    public override TransactionalBatch CreateItem<T>(T item, TransactionalBatchItemRequestOptions? requestOptions = null) => Add(BatchKind.Create, item, requestOptions);

    public override TransactionalBatch UpsertItem<T>(T item, TransactionalBatchItemRequestOptions? requestOptions = null) => Add(BatchKind.Upsert, item, requestOptions);

    public override TransactionalBatch ReplaceItem<T>(string id, T item, TransactionalBatchItemRequestOptions? requestOptions = null) => Add(BatchKind.Replace, item, requestOptions);

    public override TransactionalBatch DeleteItem(string id, TransactionalBatchItemRequestOptions? requestOptions = null)
    {
        _operations.Add(new BatchOperation(BatchKind.Delete, id, null, requestOptions?.IfMatchEtag));
        return this;
    }

    public override Task<TransactionalBatchResponse> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var (status, results) = container.Execute(partitionKey, _operations);
        return Task.FromResult<TransactionalBatchResponse>(new FakeBatchResponse(status, results));
    }

    public override Task<TransactionalBatchResponse> ExecuteAsync(TransactionalBatchRequestOptions requestOptions, CancellationToken cancellationToken = default) =>
        ExecuteAsync(cancellationToken);

    public override TransactionalBatch CreateItemStream(Stream streamPayload, TransactionalBatchItemRequestOptions? requestOptions = null) => throw new NotSupportedException();

    public override TransactionalBatch ReadItem(string id, TransactionalBatchItemRequestOptions? requestOptions = null) => throw new NotSupportedException();

    public override TransactionalBatch UpsertItemStream(Stream streamPayload, TransactionalBatchItemRequestOptions? requestOptions = null) => throw new NotSupportedException();

    public override TransactionalBatch ReplaceItemStream(string id, Stream streamPayload, TransactionalBatchItemRequestOptions? requestOptions = null) => throw new NotSupportedException();

    public override TransactionalBatch PatchItem(string id, IReadOnlyList<PatchOperation> patchOperations, TransactionalBatchPatchItemRequestOptions? requestOptions = null)
    {
        _operations.Add(new BatchOperation(BatchKind.Patch, id, null, requestOptions?.IfMatchEtag, requestOptions?.FilterPredicate));
        return this;
    }

    private FakeBatch Add<T>(BatchKind kind, T item, TransactionalBatchItemRequestOptions? requestOptions)
    {
        var document = JsonSerializer.SerializeToNode(item, CosmosJson.Options)!.AsObject();
        _operations.Add(new BatchOperation(kind, (string)document["id"]!, document, requestOptions?.IfMatchEtag));
        return this;
    }

    private sealed class FakeBatchResponse(HttpStatusCode status, IReadOnlyList<(HttpStatusCode Status, string? ETag)> results) : TransactionalBatchResponse
    {
        public override HttpStatusCode StatusCode => status;

        public override bool IsSuccessStatusCode => (int)status is >= 200 and < 300;

        public override double RequestCharge => 10;

        public override string ErrorMessage => IsSuccessStatusCode ? string.Empty : $"batch failed with {status}";

        public override string ActivityId => "fake";

        public override int Count => results.Count;

        public override TransactionalBatchOperationResult this[int index] => new FakeResult(results[index].Status, results[index].ETag);
    }

    private sealed class FakeResult(HttpStatusCode status, string? etag) : TransactionalBatchOperationResult
    {
        public override HttpStatusCode StatusCode => status;

        public override bool IsSuccessStatusCode => (int)status is >= 200 and < 300;

        public override string ETag => etag!;
    }
}
