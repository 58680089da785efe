using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Fakes;

/// <summary>Members of <see cref="Container"/> the stores never call: each throws so an unexpected call fails the test.</summary>
internal sealed partial class FakeContainer
{
    // Erase deletes by id: delete-by-partition-key would take the partition's epoch document with it.
    public override Task<ResponseMessage> DeleteAllItemsByPartitionKeyStreamAsync(PartitionKey partitionKey, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ContainerResponse> ReplaceContainerAsync(global::Microsoft.Azure.Cosmos.ContainerProperties containerProperties, global::Microsoft.Azure.Cosmos.ContainerRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ResponseMessage> ReplaceContainerStreamAsync(global::Microsoft.Azure.Cosmos.ContainerProperties containerProperties, global::Microsoft.Azure.Cosmos.ContainerRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ContainerResponse> DeleteContainerAsync(global::Microsoft.Azure.Cosmos.ContainerRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ResponseMessage> DeleteContainerStreamAsync(global::Microsoft.Azure.Cosmos.ContainerRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<int?> ReadThroughputAsync(global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ThroughputResponse> ReadThroughputAsync(global::Microsoft.Azure.Cosmos.RequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ThroughputResponse> ReplaceThroughputAsync(int throughput, global::Microsoft.Azure.Cosmos.RequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ThroughputResponse> ReplaceThroughputAsync(global::Microsoft.Azure.Cosmos.ThroughputProperties throughputProperties, global::Microsoft.Azure.Cosmos.RequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> CreateItemAsync<T>(T item, global::Microsoft.Azure.Cosmos.PartitionKey? partitionKey, global::Microsoft.Azure.Cosmos.ItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> ReadItemAsync<T>(string id, global::Microsoft.Azure.Cosmos.PartitionKey partitionKey, global::Microsoft.Azure.Cosmos.ItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();


    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> UpsertItemAsync<T>(T item, global::Microsoft.Azure.Cosmos.PartitionKey? partitionKey, global::Microsoft.Azure.Cosmos.ItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> ReplaceItemAsync<T>(T item, string id, global::Microsoft.Azure.Cosmos.PartitionKey? partitionKey, global::Microsoft.Azure.Cosmos.ItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ResponseMessage> ReadManyItemsStreamAsync(global::System.Collections.Generic.IReadOnlyList<global::System.ValueTuple<string, global::Microsoft.Azure.Cosmos.PartitionKey>> items, global::Microsoft.Azure.Cosmos.ReadManyRequestOptions readManyRequestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.FeedResponse<T>> ReadManyItemsAsync<T>(global::System.Collections.Generic.IReadOnlyList<global::System.ValueTuple<string, global::Microsoft.Azure.Cosmos.PartitionKey>> items, global::Microsoft.Azure.Cosmos.ReadManyRequestOptions readManyRequestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> PatchItemAsync<T>(string id, global::Microsoft.Azure.Cosmos.PartitionKey partitionKey, global::System.Collections.Generic.IReadOnlyList<global::Microsoft.Azure.Cosmos.PatchOperation> patchOperations, global::Microsoft.Azure.Cosmos.PatchItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ResponseMessage> PatchItemStreamAsync(string id, global::Microsoft.Azure.Cosmos.PartitionKey partitionKey, global::System.Collections.Generic.IReadOnlyList<global::Microsoft.Azure.Cosmos.PatchOperation> patchOperations, global::Microsoft.Azure.Cosmos.PatchItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::Microsoft.Azure.Cosmos.ItemResponse<T>> DeleteItemAsync<T>(string id, global::Microsoft.Azure.Cosmos.PartitionKey partitionKey, global::Microsoft.Azure.Cosmos.ItemRequestOptions requestOptions, global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator GetItemQueryStreamIterator(global::Microsoft.Azure.Cosmos.QueryDefinition queryDefinition, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator GetItemQueryStreamIterator(string queryText, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator<T> GetItemQueryIterator<T>(string queryText, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator GetItemQueryStreamIterator(global::Microsoft.Azure.Cosmos.FeedRange feedRange, global::Microsoft.Azure.Cosmos.QueryDefinition queryDefinition, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator<T> GetItemQueryIterator<T>(global::Microsoft.Azure.Cosmos.FeedRange feedRange, global::Microsoft.Azure.Cosmos.QueryDefinition queryDefinition, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions) => throw new NotSupportedException();

    public override global::System.Linq.IOrderedQueryable<T> GetItemLinqQueryable<T>(bool allowSynchronousQueryExecution, string continuationToken, global::Microsoft.Azure.Cosmos.QueryRequestOptions requestOptions, global::Microsoft.Azure.Cosmos.CosmosLinqSerializerOptions linqSerializerOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedProcessorBuilder<T>(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangesHandler<T> onChangesDelegate) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedEstimatorBuilder(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangesEstimationHandler estimationDelegate, global::System.TimeSpan? estimationPeriod) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedEstimator GetChangeFeedEstimator(string processorName, global::Microsoft.Azure.Cosmos.Container leaseContainer) => throw new NotSupportedException();

    public override global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<global::Microsoft.Azure.Cosmos.FeedRange>> GetFeedRangesAsync(global::System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator GetChangeFeedStreamIterator(global::Microsoft.Azure.Cosmos.ChangeFeedStartFrom changeFeedStartFrom, global::Microsoft.Azure.Cosmos.ChangeFeedMode changeFeedMode, global::Microsoft.Azure.Cosmos.ChangeFeedRequestOptions changeFeedRequestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.FeedIterator<T> GetChangeFeedIterator<T>(global::Microsoft.Azure.Cosmos.ChangeFeedStartFrom changeFeedStartFrom, global::Microsoft.Azure.Cosmos.ChangeFeedMode changeFeedMode, global::Microsoft.Azure.Cosmos.ChangeFeedRequestOptions changeFeedRequestOptions) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedProcessorBuilder<T>(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangeFeedHandler<T> onChangesDelegate) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedProcessorBuilderWithManualCheckpoint<T>(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangeFeedHandlerWithManualCheckpoint<T> onChangesDelegate) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedProcessorBuilder(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangeFeedStreamHandler onChangesDelegate) => throw new NotSupportedException();

    public override global::Microsoft.Azure.Cosmos.ChangeFeedProcessorBuilder GetChangeFeedProcessorBuilderWithManualCheckpoint(string processorName, global::Microsoft.Azure.Cosmos.Container.ChangeFeedStreamHandlerWithManualCheckpoint onChangesDelegate) => throw new NotSupportedException();
}
