namespace MemoryFunctions.Embeddings.MiniLM.Tests;

/// <summary>
/// A flood's inferences run on <see cref="BackgroundInferenceThreads"/> at nice 10 (Linux), so another tenant's steps and
/// searches get a core before them; a light owner's and a query's run at normal priority, as before.
/// </summary>
public sealed class FloodInferencePriorityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EmbedAsync_FloodLightOwnerAndQuery_OnlyTheFloodsBatchesRunNiced()
    {
        var ran = new List<(int FirstId, string? Thread, int? Nice)>();
        float[][] Infer(IReadOnlyList<int[]> batch, CancellationToken cancellationToken)
        {
            lock (ran)
            {
                ran.Add((batch[0][0], Thread.CurrentThread.Name, NiceOfThisThread()));
            }

            return [.. batch.Select(ids => new float[] { ids[0] })];
        }

        using var batcher = new InferenceBatcher(Infer, batchSize: 4, maxConcurrentInferences: 2, maxBackgroundInferences: 1, capacity: 64);
        var flood = batcher.EmbedAsync([.. Enumerable.Range(0, 40).Select(id => Text(id))], "tenant-a", CancellationToken.None);
        var light = batcher.EmbedAsync([Text(100), Text(101)], "tenant-b", CancellationToken.None);
        var query = batcher.EmbedAsync([Text(500)], null, CancellationToken.None);
        await Task.WhenAll(flood, light, query).WaitAsync(Patience);

        // A's last batch is taken with 4 texts waiting and nothing running: by then A looks light, and runs as such.
        var floods = ran.Where(batch => batch.FirstId < 100).SkipLast(1).ToList();
        var others = ran.Where(batch => batch.FirstId >= 100).ToList();
        Assert.Equal(9, floods.Count);
        Assert.NotEmpty(others);
        Assert.All(floods, batch => Assert.StartsWith("MiniLM background inference", batch.Thread, StringComparison.Ordinal));
        Assert.All(others, batch => Assert.False(batch.Thread?.StartsWith("MiniLM background inference", StringComparison.Ordinal) == true));
        // Relative to the process's own nice value: a test run already niced past 10 cannot show the difference.
        if (NiceOfThisThread() is { } baseline && baseline < BackgroundInferenceThreads.Niceness)
        {
            Assert.All(floods, batch => Assert.Equal(BackgroundInferenceThreads.Niceness, batch.Nice));
            Assert.All(others, batch => Assert.Equal(baseline, batch.Nice));
        }
    }

    [Fact]
    public void Run_InferenceThrows_TheCallerGetsTheException()
    {
        using var threads = new BackgroundInferenceThreads(1);

        var thrown = Assert.Throws<InvalidOperationException>(() => threads.Run(() => throw new InvalidOperationException("inference failed")));

        Assert.Equal("inference failed", thrown.Message);
    }

    /// <summary>Field 19 of /proc/thread-self/stat (the fields after the parenthesised name start at 3).</summary>
    private static int? NiceOfThisThread() => OperatingSystem.IsLinux()
        ? int.Parse(File.ReadAllText("/proc/thread-self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16], System.Globalization.CultureInfo.InvariantCulture)
        : null;

    private static int[] Text(int id) => [id, .. Enumerable.Repeat(7, 11)];
}
