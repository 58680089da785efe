namespace MemoryFunctions.Embeddings.MiniLM.Tests;

/// <summary>The batching queue in front of the model, driven by a fake inference that records its batches and can be held.</summary>
public sealed class InferenceBatcherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeInference _inference = new();

    public void Dispose() => _inference.Dispose();

    [Fact]
    public async Task EmbedAsync_OneCaller_GetsEachTextsVectorInInputOrder()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 64);
        int[][] texts = [Text(1, 9), Text(2, 3), Text(3, 30), Text(4, 9), Text(5, 4), Text(6, 31)];

        var vectors = await batcher.EmbedAsync(texts, null, CancellationToken.None);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], vectors.Select(vector => vector[0]));
    }

    [Fact]
    public async Task EmbedAsync_CallersWhileTheInferenceIsBusy_ShareTheNextBatch()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var first = batcher.EmbedAsync([Text(0, 12)], null, CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));

        var waiting = Enumerable.Range(1, 8).Select(id => batcher.EmbedAsync([Text(id, 11 + (id % 3))], null, CancellationToken.None)).ToArray();
        _inference.Release();
        await Task.WhenAll([first, .. waiting]).WaitAsync(Patience);

        Assert.Equal([1, 8], _inference.BatchSizes);
        Assert.Equal(Enumerable.Range(1, 8).Select(id => (float)id), waiting.Select(task => task.Result[0][0]));
    }

    [Fact]
    public async Task EmbedAsync_VeryDifferentLengths_AreNotPaddedIntoOneBatch()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);

        await batcher.EmbedAsync([Text(1, 10), Text(2, 11), Text(3, 200), Text(4, 12), Text(5, 190)], null, CancellationToken.None);

        Assert.All(_inference.Batches, lengths => Assert.True(lengths.Max() * lengths.Count <= 1.25 * lengths.Sum(), string.Join(",", lengths)));
        Assert.Equal(2, _inference.Batches.Count);
    }

    [Fact]
    public async Task EmbedAsync_ManyLongTexts_BatchesStayWithinTheWordPieceBudget()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);

        await batcher.EmbedAsync([.. Enumerable.Range(0, 20).Select(id => Text(id, 200)), Text(20, 1500)], null, CancellationToken.None);

        Assert.Equal([5, 5, 5, 5, 1], _inference.BatchSizes);
    }

    [Fact]
    public async Task EmbedAsync_WaitingCallerCancelled_ThrowsAndItsTextsAreNeverInferred()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], null, CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.EmbedAsync([Text(1, 12), Text(2, 12)], null, cancel.Token);
        var other = batcher.EmbedAsync([Text(3, 12)], null, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        _inference.Release();

        Assert.Equal(3f, (await other.WaitAsync(Patience))[0][0]);
        await running.WaitAsync(Patience);
        Assert.DoesNotContain(_inference.Ids, id => id is 1 or 2);
    }

    [Fact]
    public async Task EmbedAsync_MoreTextsThanTheQueueHolds_AllAreEmbedded()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 8);
        var texts = Enumerable.Range(0, 100).Select(id => Text(id, 5 + (id % 7))).ToArray();

        var vectors = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => batcher.EmbedAsync(texts, null, CancellationToken.None))).WaitAsync(Patience);

        Assert.All(vectors, result => Assert.Equal(Enumerable.Range(0, 100).Select(id => (float)id), result.Select(vector => vector[0])));
        Assert.All(_inference.BatchSizes, size => Assert.InRange(size, 1, 4));
    }

    [Fact]
    public async Task EmbedAsync_InferenceFails_OnlyThatBatchsCallersSeeIt()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.FailOnId = 13;

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EmbedAsync([Text(13, 12)], null, CancellationToken.None));
        Assert.Equal(14f, (await batcher.EmbedAsync([Text(14, 12)], null, CancellationToken.None))[0][0]);
    }

    [Fact]
    public async Task Dispose_WhileCallersWait_FailsThemAndLaterCallsWithObjectDisposed()
    {
        var batcher = new InferenceBatcher(_inference.Infer, batchSize: 32, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], null, CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        var waiting = batcher.EmbedAsync([Text(1, 12)], null, CancellationToken.None);

        // Disposing tells the running inference to stop (the real model aborts its run), waits for it, then fails the rest.
        await Task.Run(batcher.Dispose).WaitAsync(Patience);
        batcher.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.EmbedAsync([Text(2, 12)], null, CancellationToken.None));
    }

    [Fact]
    public async Task EmbedAsync_QueryWaitingBehindIngestionTexts_RunsNextAndAlone()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        var flood = batcher.EmbedAsync([.. Enumerable.Range(1, 12).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        var query = batcher.EmbedAsync([Text(100, 12)], null, CancellationToken.None);

        _inference.Release();
        await Task.WhenAll(running, flood, query).WaitAsync(Patience);

        // The query is the whole second inference, though twelve ingestion texts of its length were queued before it.
        Assert.Equal([0, 100], _inference.Ids.Take(2));
        Assert.Equal([1, 1, 4, 4, 4], _inference.BatchSizes);
    }

    [Fact]
    public async Task EmbedAsync_IngestionHoldsEveryBackgroundSlot_AQueryStillStartsAtOnce()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var flood = batcher.EmbedAsync([.. Enumerable.Range(0, 40).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));

        // Only one background inference runs: the second slot is the query's, while the first is still held.
        Assert.False(_inference.Started.Wait(TimeSpan.FromMilliseconds(200)));
        var query = batcher.EmbedAsync([Text(100, 12)], null, CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        Assert.Equal(100, _inference.Ids[^1]);

        _inference.Release();
        await Task.WhenAll(flood, query).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 40).Append(100).Order(), _inference.Ids.Order());
    }

    [Fact]
    public async Task EmbedAsync_OneOwnerFloods_AnotherOwnersTextSeedsTheNextBackgroundBatch()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        var flood = batcher.EmbedAsync([.. Enumerable.Range(1, 40).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        var other = batcher.EmbedAsync([Text(100, 30)], "tenant-b", CancellationToken.None);

        _inference.Release();
        await Task.WhenAll(running, flood, other).WaitAsync(Patience);

        // Tenant B's text (of another length, so no batch of A's would pick it up) runs second, not after A's 40.
        Assert.Equal([0, 100], _inference.Ids.Take(2));
    }

    [Fact]
    public async Task EmbedAsync_AnotherOwnersTextOfTheSameLength_NeverRidesInTheFloodersBatch()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        var flood = batcher.EmbedAsync([.. Enumerable.Range(1, 40).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        var other = batcher.EmbedAsync([Text(100, 12)], "tenant-b", CancellationToken.None);

        _inference.Release();
        await Task.WhenAll(running, flood, other).WaitAsync(Patience);

        // B's text runs next and alone: it pays for one inference of its own, not for three of A's texts batched with it.
        Assert.Equal([0, 100], _inference.Ids.Take(2));
        Assert.Equal([1, 1], _inference.BatchSizes.Take(2));
        Assert.All(_inference.Batches.Skip(2), batch => Assert.Equal(4, batch.Count));
    }

    [Fact]
    public async Task EmbedAsync_FloodHoldsTheBackgroundSlot_ALightOwnersTextsStartAtOnceInTheSpareSlot()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var flood = batcher.EmbedAsync([.. Enumerable.Range(0, 40).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));

        // Tenant B has nothing running and two texts (one turn's facts): they start while A's batch is still held,
        // instead of waiting for it, and without A's texts of the same length.
        var light = batcher.EmbedAsync([Text(100, 12), Text(101, 12)], "tenant-b", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        Assert.Equal(2, _inference.Batches[^1].Count);
        Assert.Equal([100, 101], _inference.Ids.TakeLast(2).Order());

        _inference.Release();
        await Task.WhenAll(flood, light).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 40).Concat([100, 101]).Order(), _inference.Ids.Order());
    }

    [Fact]
    public async Task EmbedAsync_TwoOwnersFlood_TheSecondDoesNotTakeTheSpareSlot()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var floodA = batcher.EmbedAsync([.. Enumerable.Range(0, 40).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));

        // C has more texts waiting than a light owner may (it is flooding too): the second slot stays free for queries.
        var floodC = batcher.EmbedAsync([.. Enumerable.Range(100, 40).Select(id => Text(id, 12))], "tenant-c", CancellationToken.None);
        Assert.False(_inference.Started.Wait(TimeSpan.FromMilliseconds(200)));
        var query = batcher.EmbedAsync([Text(500, 12)], null, CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        Assert.Equal(500, _inference.Ids[^1]);

        _inference.Release();
        await Task.WhenAll(floodA, floodC, query).WaitAsync(Patience);
    }

    [Fact]
    public async Task EmbedAsync_ManyLightOwnersOneTextEach_ShareOneInferenceWithNoneOfTheFloodersTexts()
    {
        using var batcher = new InferenceBatcher(_inference.Infer, batchSize: 8, maxConcurrentInferences: 1, maxBackgroundInferences: 1, capacity: 64);
        _inference.Hold();
        var running = batcher.EmbedAsync([Text(0, 12)], "tenant-a", CancellationToken.None);
        Assert.True(_inference.Started.Wait(Patience));
        var flood = batcher.EmbedAsync([.. Enumerable.Range(1, 20).Select(id => Text(id, 12))], "tenant-a", CancellationToken.None);
        var light = Enumerable.Range(0, 6).Select(i => batcher.EmbedAsync([Text(100 + i, 12 + (i % 2))], $"tenant-{i}", CancellationToken.None)).ToArray();

        _inference.Release();
        await Task.WhenAll([running, flood, .. light]).WaitAsync(Patience);

        // Six tenants with one text each: one inference for all six, not six; and A's texts keep to batches of their own.
        var batches = BatchIds();
        Assert.Equal([0], batches[0]);
        Assert.Equal(Enumerable.Range(100, 6), batches[1].Order());
        Assert.All(batches.Skip(2), batch => Assert.All(batch, id => Assert.InRange(id, 1, 20)));
    }

    /// <summary>The ids of each inference's texts, in the order the inferences ran.</summary>
    private List<List<int>> BatchIds()
    {
        var ids = new Queue<int>(_inference.Ids);
        return [.. _inference.BatchSizes.Select(size => Enumerable.Range(0, size).Select(_ => ids.Dequeue()).ToList())];
    }

    /// <summary>Word-piece ids of the given length whose first id names the text (the fake's vector echoes it).</summary>
    private static int[] Text(int id, int length) => [id, .. Enumerable.Repeat(7, length - 1)];

    private sealed class FakeInference : IDisposable
    {
        private readonly ManualResetEventSlim _gate = new(initialState: true);

        public SemaphoreSlim Started { get; } = new(0);

        public List<List<int>> Batches { get; } = [];

        public IEnumerable<int> BatchSizes => Batches.Select(batch => batch.Count);

        public List<int> Ids { get; } = [];

        public int? FailOnId { get; set; }

        public void Hold() => _gate.Reset();

        public void Release() => _gate.Set();

        public float[][] Infer(IReadOnlyList<int[]> batch, CancellationToken cancellationToken)
        {
            lock (Batches)
            {
                Batches.Add([.. batch.Select(ids => ids.Length)]);
                Ids.AddRange(batch.Select(ids => ids[0]));
            }

            Started.Release();
            _gate.Wait(Patience, cancellationToken);
            return batch.Any(ids => ids[0] == FailOnId) ? throw new InvalidOperationException("inference failed") : [.. batch.Select(ids => new float[] { ids[0] })];
        }

        public void Dispose()
        {
            _gate.Set();
            _gate.Dispose();
            Started.Dispose();
        }
    }
}
