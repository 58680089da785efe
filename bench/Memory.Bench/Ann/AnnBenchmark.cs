namespace MemoryFunctions.Bench.Ann;

internal static class AnnBenchmark
{
    public static async Task<string> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = LoadSettingsCount(args);
        var corpus = await EmbeddedCorpus.LoadOrEmbedAsync(count + QueryCount, CorpusSeed, cancellationToken);
        return $"{corpus.Count} embedded";
    }

    private const int QueryCount = 1000;
    private const int CorpusSeed = 27;

    private static int LoadSettingsCount(string[] args) => Load.LoadSettings.IntValue(args, "--count") ?? 100_000;
}
