using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using MemoryFunctions.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// Erase at a random moment while the Durable orchestration of a 50-turn conversation runs (issue 12), through the
/// app's erase trigger: afterwards no memory, history, operation (but a cancelled stub), orchestration instance or
/// idempotency key of the user remains. 200 trials with <c>--filter Category=Stress</c> (docs/reliability.md). The
/// default run has the deterministic erase during a running step (<see cref="DurableLifecycleTests"/>) and the
/// random-moment slice on the local runner; starting a Durable host costs too much to repeat it here.
/// </summary>
public sealed class RandomMomentEraseDurableTests(ITestOutputHelper output)
{
    private const int MaxDelayMilliseconds = 350;

    /// <summary>How long after the erase a step already running may still try its writes (they must be refused).</summary>
    private static readonly TimeSpan Straggler = TimeSpan.FromMilliseconds(500);

    [SkippableFact]
    [Trait("Category", "Stress")]
    public Task EraseUser_At200RandomMoments_NothingOfTheUserRemains()
    {
        StressSettings.SkipUnlessEnabled();
        return RunTrialsAsync(StressSettings.Trials, StressSettings.Seed);
    }

    private async Task RunTrialsAsync(int trials, int seed)
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var random = new Random(seed);
        var failures = new List<string>();
        var erasedSomething = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var delay = random.Next(MaxDelayMilliseconds + 1);
            try
            {
                var leaks = await RunTrialAsync(host, delay, retryKey: trial % 2 == 1);
                erasedSomething += leaks.ErasedMemories > 0 ? 1 : 0;
                failures.AddRange(leaks.Found.Select(leak => $"trial {trial} at {delay} ms: {leak}"));
            }
            catch (OperationCanceledException exception)
            {
                // A wait that timed out (e.g. the retried key's orchestration never ran): report it with the others and stop.
                failures.Add($"trial {trial} at {delay} ms: {exception.Message}");
                trials = trial + 1;
                break;
            }
        }

        output.WriteLine($"seed {seed}: {trials} trials, {failures.Count} leaks; the erase found memories in {erasedSomething} trials");
        failures.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, $"{failures.Count} leaks in {trials} trials; first: {failures.FirstOrDefault()}");
    }

    private static async Task<(int ErasedMemories, List<string> Found)> RunTrialAsync(DurableFunctionsHost host, int delayMilliseconds, bool retryKey)
    {
        var partition = DurableFunctionsHost.NewPartition();
        var key = "key-" + partition.UserId;
        var first = await host.Ingestion.SubmitAsync(partition, Conversation(50), key);
        await Task.Delay(delayMilliseconds);
        var erase = await EraseTrigger.EraseToTheEndAsync(host, partition);
        await Task.Delay(Straggler);

        var found = new List<string>();
        var export = await host.Memories.ExportAsync(partition);
        Found(found, export.Memories.Select(m => m.Text), "memories");
        Found(found, export.History.Select(h => h.MemoryId), "history events");
        Found(found, export.Operations.Where(o => o.Kind == OperationKind.Ingestion && (o.Status != OperationStatus.Cancelled || o.Request.Messages.Count > 0 || o.IdempotencyKey is not null)).Select(o => o.Id), "operations other than cancelled stubs");
        if (erase.Status != OperationStatus.Succeeded)
        {
            found.Add($"the erase ended {erase.Status}: {erase.Error?.Detail}");
        }
        if (await host.Client.GetInstanceAsync(first.Operation.Id) is { } instance)
        {
            found.Add($"orchestration {instance.InstanceId} still exists ({instance.RuntimeStatus}): its history holds the conversation");
        }

        if (retryKey)
        {
            // The key went with the user: the same key now starts a new operation, which ingests only the new body.
            var again = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Lima."), key);
            var memories = (await host.Memories.ExportAsync(partition)).Memories;
            Found(found, memories.Where(m => m.Text.Contains("Firm", StringComparison.Ordinal)).Select(m => m.Text), "memories of the erased conversation after the key was reused");
            if (again.InstanceId == first.Operation.Id || !memories.Any(m => m.Text.Contains("Lima", StringComparison.Ordinal)))
            {
                found.Add($"the key outlived the erase: instance {again.InstanceId}, memories: {string.Join(" / ", memories.Select(m => m.Text))}");
            }

            await EraseTrigger.EraseToTheEndAsync(host, partition);
        }

        return (erase.Erasure!.MemoriesErased ?? 0, found);
    }

    private static IngestionRequest Conversation(int turns) => DurableFunctionsHost.Turns(
        [.. Enumerable.Range(0, turns).Select(i => (i % 3) switch
        {
            0 => $"I work at Firm{i}.",
            1 => $"I live in City{i}.",
            _ => $"My favorite number is {i}.",
        })]);

    private static void Found(List<string> found, IEnumerable<string> items, string what)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            found.Add($"{list.Count} {what}, e.g. {list[0]}");
        }
    }
}
