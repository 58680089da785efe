using MemoryFunctions.Server.Tests.Properties;
using MemoryFunctions.Testing;
using Xunit.Abstractions;

namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>
/// Erase at a random moment while ingestion runs (issue 12): 200 trials with <c>--filter Category=Stress</c> (results in
/// docs/reliability.md), and a seeded slice of one trial per kind in every run.
/// </summary>
public sealed class RandomMomentEraseTests(ITestOutputHelper output)
{
    private const int Seed = 20261130;

    /// <summary>Erases within the first 0.35 s after the last submission.</summary>
    private const int MaxDelayMilliseconds = 350;

    private static readonly int Kinds = Enum.GetValues<EraseTrialKind>().Length;

    [Fact]
    public Task EraseUser_AtSeededMoments_NothingOfTheUserRemains() => RunTrialsAsync(trials: Kinds, Seed);

    [SkippableFact]
    [Trait("Category", "Stress")]
    public Task EraseUser_At200RandomMoments_NothingOfTheUserRemains()
    {
        StressSettings.SkipUnlessEnabled();
        return RunTrialsAsync(StressSettings.Trials, StressSettings.Seed);
    }

    private async Task RunTrialsAsync(int trials, int seed)
    {
        await using var server = new RestartableServer();
        var harness = new RandomMomentEraseHarness(server);
        var random = new Random(seed);
        var results = new List<EraseTrialResult>();
        for (var trial = 0; trial < trials; trial++)
        {
            results.Add(await harness.RunAsync((EraseTrialKind)(trial % Kinds), random.Next(MaxDelayMilliseconds + 1)));
        }

        output.WriteLine($"seed {seed}, {trials} trials, erase within {MaxDelayMilliseconds} ms of the last submission");
        foreach (var kind in results.GroupBy(result => result.Kind))
        {
            output.WriteLine(
                $"{kind.Key}: {kind.Count()} trials, {kind.Count(r => r.Leaks.Count > 0)} with leaks; the erase found data in " +
                $"{kind.Count(r => r.MemoriesErased + r.OperationsErased > 0)} (memories erased per trial: max {kind.Max(r => r.MemoriesErased)}, " +
                $"median {kind.Select(r => r.MemoriesErased).Order().ElementAt(kind.Count() / 2)})");
        }

        var failed = results.Where(result => result.Leaks.Count > 0).ToList();
        failed.ForEach(result => output.WriteLine($"LEAK {result.Kind} at {result.DelayMilliseconds} ms: {string.Join(" | ", result.Leaks)}"));
        Assert.True(failed.Count == 0, $"{failed.Count} of {trials} trials left the user behind; first: {failed.FirstOrDefault()?.Kind} at {failed.FirstOrDefault()?.DelayMilliseconds} ms: {string.Join(" | ", failed.FirstOrDefault()?.Leaks ?? [])}");
    }
}
