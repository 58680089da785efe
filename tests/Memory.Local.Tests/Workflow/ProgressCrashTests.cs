using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// A running operation's progress reports are not logged (<see cref="LocalStorageEngine.TryReportProgress"/>), so they
/// wait for no fsync. A crash after any step of an ingestion (the data directory copied as a killed process leaves it)
/// must still leave the operation in a state the API allows given what a poller saw just before: queued only if never
/// seen running; running, at the phase seen or an earlier one, while seen running; succeeded, as seen, once seen
/// succeeded. And the run resumed from that state ends with the same memories as the run without a crash.
/// </summary>
public sealed class ProgressCrashTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly string[] Conversation = ["I live in Oslo.", "I work at Contoso.", "I have a dog named Rex."];

    [Fact]
    public async Task RunAsync_CrashAfterEveryStep_OperationInAStateTheApiAllowsAndTheResumedRunEndsTheSame()
    {
        await using var store = new StoreHarness();
        using var images = new TempDirectory();
        var clock = new ImmediateTimeProvider(StoreHarness.T0);
        var service = new IngestionService(store.Memories, store.Operations, new FakeWorkflowStarter(), clock, NullLogger<IngestionService>.Instance);
        var request = new IngestionRequest(
            [.. Conversation.Select((text, i) => new ConversationMessage($"m{i}", MessageRole.User, text, clock.GetUtcNow()))],
            SessionId: "s1");
        var operation = (await service.SubmitAsync(Partition, request, null)).Operation;
        var context = new CrashImageContext(Context(store.Memories, store.Operations, clock, operation.Id), store, operation.Id, images.Path);

        await context.TakeImageAsync("submitted");
        var run = await IngestionWorkflow.RunAsync(context, IngestionWorkflowInput.For(operation));
        Assert.Equal(OperationStatus.Succeeded, run.Status);
        var expected = await MemoryIdsAsync(store.Memories);
        var profile = (await store.Memories.GetAsync(Partition, MemoryIds.ForProfile(Partition)))!.Text;
        Assert.Contains("Oslo", profile, StringComparison.Ordinal);

        var unlogged = 0;
        foreach (var (after, seen, image) in context.Images)
        {
            await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = image });
            var operations = new LocalOperationStore(engine);
            var recovered = await operations.GetAsync(Partition, operation.Id);
            var at = $"crash after {after} (seen {seen.Status} at {seen.Progress?.Done}, recovered {recovered?.Status} at {recovered?.Progress?.Done})";
            Assert.True(recovered is not null, at);
            switch (seen.Status)
            {
                case OperationStatus.Queued:
                    Assert.True(recovered.Status == OperationStatus.Queued, at);
                    break;
                case OperationStatus.Running:
                    Assert.True(recovered.Status == OperationStatus.Running && recovered.Progress!.Done <= seen.Progress!.Done, at);
                    unlogged += recovered.Progress != seen.Progress ? 1 : 0;
                    break;
                default:
                    // The same logged version: its ETag is its sequence number.
                    Assert.True(recovered.Status == seen.Status && recovered.ETag == seen.ETag, at);
                    break;
            }

            var memories = new LocalMemoryStore(engine);
            var resumed = await IngestionWorkflow.RunAsync(Context(memories, operations, clock, operation.Id), IngestionWorkflowInput.For(recovered));
            Assert.True(resumed.Status == OperationStatus.Succeeded, $"{at}: resumed as {resumed.Status}");
            var ids = await MemoryIdsAsync(memories);
            Assert.True(expected.SequenceEqual(ids), $"{at}: resumed with {string.Join(", ", ids.Except(expected))} and without {string.Join(", ", expected.Except(ids))}");
            // A crash between apply and the summaries: the re-run reaches the same decisions (not "exact repeat" no-ops of
            // its own memories), so it reports the same results and the profile still absorbs them.
            if (!recovered.IsFinished)
            {
                Assert.Equal(run.Decisions.Select(decision => (decision.Action, decision.MemoryId)), resumed.Decisions.Select(decision => (decision.Action, decision.MemoryId)));
            }

            Assert.True(profile == (await memories.GetAsync(Partition, MemoryIds.ForProfile(Partition)))?.Text, $"{at}: the profile was not refreshed");
        }

        // Not a test that passes because every report was logged anyway: the reports after the first were not.
        Assert.True(unlogged >= IngestionWorkflow.PhaseCount - 1, $"{unlogged} crash images lost a progress report");
    }

    [Fact]
    public async Task UpdateAsync_ProgressOfARunningOperation_ServedAtOnceUnderTheSameETagAndGoneAfterARestart()
    {
        await using var store = new StoreHarness();
        var created = (await store.Operations.CreateAsync(StoreHarness.Operation(Partition, "op_1"))).Operation!;
        var running = (await store.Operations.UpdateAsync(created with { Status = OperationStatus.Running, Progress = new OperationProgress("a", 0, 5) })).Operation!;

        var reported = await store.Operations.UpdateAsync(running with { Progress = new OperationProgress("b", 1, 5) });

        Assert.Equal((WriteStatus.Written, running.ETag), (reported.Status, reported.Operation!.ETag));
        Assert.Equal(new OperationProgress("b", 1, 5), (await store.Operations.GetAsync(Partition, "op_1"))!.Progress);
        await store.ReopenAsync();
        var recovered = (await store.Operations.GetAsync(Partition, "op_1"))!;
        Assert.Equal((OperationStatus.Running, new OperationProgress("a", 0, 5), running.ETag), (recovered.Status, recovered.Progress, recovered.ETag));
    }

    [Fact]
    public async Task UpdateAsync_ReportReadBeforeALoggedChange_PreconditionFailedNotApplied()
    {
        await using var store = new StoreHarness();
        var created = (await store.Operations.CreateAsync(StoreHarness.Operation(Partition, "op_1"))).Operation!;
        var running = (await store.Operations.UpdateAsync(created with { Status = OperationStatus.Running, Progress = new OperationProgress("a", 0, 5) })).Operation!;
        var finished = (await store.Operations.UpdateAsync(running with { Status = OperationStatus.Succeeded, Progress = new OperationProgress("done", 5, 5) })).Operation!;

        var late = await store.Operations.UpdateAsync(running with { Progress = new OperationProgress("b", 1, 5) });
        var other = await store.Operations.UpdateAsync(finished with { Status = OperationStatus.Running, Progress = new OperationProgress("b", 1, 5) });

        Assert.Equal((WriteStatus.PreconditionFailed, finished.ETag), (late.Status, late.Operation!.ETag));
        Assert.Equal(WriteStatus.Written, other.Status);
        Assert.NotEqual(finished.ETag, other.Operation!.ETag);
    }

    private static async Task<List<string>> MemoryIdsAsync(LocalMemoryStore memories)
    {
        var ids = new List<string>();
        await foreach (var memory in memories.ExportMemoriesAsync(Partition))
        {
            ids.Add(memory.Id);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static LocalWorkflowContext Context(IMemoryStore memories, IOperationStore operations, TimeProvider clock, string operationId) =>
        RuleBasedSteps.Context(RuleBasedSteps.Build(memories, operations, clock), clock, operationId);

    /// <summary>Runs steps through <paramref name="inner"/>; after each, copies the data directory (a crash image) and notes what a poller saw then.</summary>
    private sealed class CrashImageContext(IWorkflowContext inner, StoreHarness store, string operationId, string imagesDirectory) : IWorkflowContext
    {
        public List<(string After, MemoryOperation Seen, string Image)> Images { get; } = [];

        public DateTimeOffset CurrentUtcDateTime => inner.CurrentUtcDateTime;

        public bool IsReplaying => inner.IsReplaying;

        public async Task<TResult> CallStepAsync<TInput, TResult>(WorkflowStep<TInput, TResult> workflowStep, TInput input, StepRetryPolicy retry)
            where TInput : class
        {
            var result = await inner.CallStepAsync(workflowStep, input, retry);
            await TakeImageAsync(workflowStep.Name);
            return result;
        }

        public async Task TakeImageAsync(string after)
        {
            var seen = (await store.Operations.GetAsync(Partition, operationId))!;
            var image = Path.Combine(imagesDirectory, Images.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Not the lock file, which the running engine holds open: a killed process holds no lock.
            foreach (var file in Directory.EnumerateFiles(store.DataDirectory, "*", SearchOption.AllDirectories).Where(file => Path.GetFileName(file) != "LOCK"))
            {
                var copy = Path.Combine(image, Path.GetRelativePath(store.DataDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            Images.Add((after, seen, image));
        }
    }
}
