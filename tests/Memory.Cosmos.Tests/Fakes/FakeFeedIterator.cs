using System.Net;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Fakes;

/// <summary>A one-page feed of fixed items.</summary>
internal sealed class FakeFeedIterator<T>(IReadOnlyList<T> items) : FeedIterator<T>
{
    private bool _read;

    public override bool HasMoreResults => !_read;

    public override Task<FeedResponse<T>> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        _read = true;
        return Task.FromResult<FeedResponse<T>>(new Page(items));
    }

    private sealed class Page(IReadOnlyList<T> items) : FeedResponse<T>
    {
        public override string ContinuationToken => null!;

        public override int Count => items.Count;

        public override string IndexMetrics => string.Empty;

        public override Headers Headers { get; } = new();

        public override IEnumerable<T> Resource => items;

        public override HttpStatusCode StatusCode => HttpStatusCode.OK;

        public override CosmosDiagnostics Diagnostics => throw new NotSupportedException();

        public override IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    }
}
