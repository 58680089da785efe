using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing.Fakes;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class IngestionWorkflowTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly IngestionWorkflowInput Input = new("op_1", Partition, Epoch: 0);

    private static readonly CandidateFact Fact = new("Works at Contoso", MemoryKind.Fact, 0.9, 0.8, ["m1"], Slot: "employer");

    [Fact]
    public async Task RunAsync_WithFacts_CallsStepsInWorkflowOrder()
    {
        var context = Scripted();

        var result = await IngestionWorkflow.RunAsync(context, Input);

        Assert.Equal(OperationStatus.Succeeded, result.Status);
        Assert.Null(context.UnexpectedStep);
        Assert.Equal(
            [
                WorkflowStepNames.ReportProgress, WorkflowStepNames.ExtractFacts,
                WorkflowStepNames.ReportProgress, WorkflowStepNames.KeepTurns,
                WorkflowStepNames.ReportProgress, WorkflowStepNames.Reconcile,
                WorkflowStepNames.ReportProgress, WorkflowStepNames.Apply,
                WorkflowStepNames.ReportProgress, WorkflowStepNames.RefreshSummaries,
                WorkflowStepNames.Complete,
            ],
            context.Calls.Select(call => call.Step));
        Assert.All(context.Calls, call => Assert.Equal(StepRetryPolicy.Default, call.Retry));
    }

    [Fact]
    public async Task RunAsync_WithFacts_ReportsEachPhaseWithDoneOfTotal()
    {
        var context = Scripted();

        await IngestionWorkflow.RunAsync(context, Input);

        var progress = context.Calls.Where(call => call.Step == WorkflowStepNames.ReportProgress).Select(call => (ProgressInput)call.Input!).ToList();
        Assert.Equal([0, 1, 2, 3, 4], progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(IngestionWorkflow.PhaseCount, p.Total));
        Assert.All(progress, p => Assert.Equal("op_1", p.OperationId));
        Assert.Equal(
            [WorkflowStepNames.ExtractFacts, WorkflowStepNames.KeepTurns, WorkflowStepNames.Reconcile, WorkflowStepNames.Apply, WorkflowStepNames.RefreshSummaries],
            progress.Select(p => p.Phase));
    }

    [Fact]
    public async Task RunAsync_NoFacts_SkipsToSummariesAndCompletes()
    {
        var context = Scripted(facts: []);

        var result = await IngestionWorkflow.RunAsync(context, Input);

        Assert.Equal(OperationStatus.Succeeded, result.Status);
        Assert.DoesNotContain(context.Calls, call => call.Step is WorkflowStepNames.Reconcile or WorkflowStepNames.Apply);
        Assert.Contains(context.Calls, call => call.Step == WorkflowStepNames.RefreshSummaries);
    }

    [Fact]
    public async Task RunAsync_StepFailsTwice_RetriedAndSucceeds()
    {
        var context = Scripted().FailTimes(WorkflowSteps.Apply, 2);

        var result = await IngestionWorkflow.RunAsync(context, Input);

        Assert.Equal(OperationStatus.Succeeded, result.Status);
        var applies = context.Calls.Where(call => call.Step == WorkflowStepNames.Apply).ToList();
        Assert.Equal([1, 2, 3], applies.Select(call => call.Attempt));
        Assert.Equal([true, true, false], applies.Select(call => call.Failed));
        Assert.DoesNotContain(context.Calls, call => call.Step == WorkflowStepNames.Fail);
    }

    [Fact]
    public async Task RunAsync_StepFailsBeyondRetries_FailsOperationWithProblem()
    {
        var context = Scripted().FailTimes(WorkflowSteps.Reconcile, 100);

        var result = await IngestionWorkflow.RunAsync(context, Input);

        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Equal(StepRetryPolicy.Default.MaxAttempts, context.Calls.Count(call => call.Step == WorkflowStepNames.Reconcile));
        var fail = (FailInput)context.Calls.Single(call => call.Step == WorkflowStepNames.Fail).Input!;
        Assert.Equal(IngestionWorkflow.ProblemTypeStepFailed, fail.Error.Type);
        Assert.Contains(WorkflowStepNames.Reconcile, fail.Error.Detail, StringComparison.Ordinal);
        Assert.Contains(nameof(TimeoutException), fail.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(context.Calls, call => call.Step is WorkflowStepNames.Apply or WorkflowStepNames.Complete);
    }

    [Fact]
    public async Task RunAsync_PermanentFailure_FailsWithoutRetrying()
    {
        var context = Scripted().FailTimes(WorkflowSteps.Reconcile, 100, new PermanentStepException("content refused"));

        var result = await IngestionWorkflow.RunAsync(context, Input);

        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Single(context.Calls, call => call.Step == WorkflowStepNames.Reconcile);
    }

    [Fact]
    public async Task RunAsync_RefusedModelCall_FailsWithItsRemedyButNotItsMessage()
    {
        var refused = new ModelCallException("Server said: Lives in Oslo", 401, isTransient: false) { Remedy = "check Memory:OpenAI:ApiKey." };
        var context = Scripted().FailTimes(WorkflowSteps.ExtractFacts, 100, refused);

        await IngestionWorkflow.RunAsync(context, Input);

        var fail = (FailInput)context.Calls.Single(call => call.Step == WorkflowStepNames.Fail).Input!;
        Assert.Contains("check Memory:OpenAI:ApiKey.", fail.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Oslo", fail.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_RethrowsAndDoesNotFail()
    {
        var context = Scripted().FailTimes(WorkflowSteps.ExtractFacts, 1, new OperationCanceledException());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => IngestionWorkflow.RunAsync(context, Input));

        Assert.DoesNotContain(context.Calls, call => call.Step == WorkflowStepNames.Fail);
    }

    [Fact]
    public async Task RunAsync_OperationGoneOrFinished_StopsBeforeAnyWork()
    {
        var gone = Scripted(status: null);
        var finished = Scripted(status: OperationStatus.Succeeded);

        var goneResult = await IngestionWorkflow.RunAsync(gone, Input);
        var finishedResult = await IngestionWorkflow.RunAsync(finished, Input);

        Assert.Null(goneResult.Status);
        Assert.Equal(OperationStatus.Succeeded, finishedResult.Status);
        Assert.Equal([WorkflowStepNames.ReportProgress], gone.Calls.Select(call => call.Step));
        Assert.Equal([WorkflowStepNames.ReportProgress], finished.Calls.Select(call => call.Step));
    }

    [Fact]
    public async Task RunAsync_TokenUsage_SummedIntoCompletion()
    {
        var context = Scripted();

        await IngestionWorkflow.RunAsync(context, Input);

        var complete = (CompleteInput)context.Calls.Single(call => call.Step == WorkflowStepNames.Complete).Input!;
        Assert.Equal(new TokenUsage(100 + 30 + 7, 20 + 4 + 3), complete.Usage);
        Assert.Single(complete.Decisions);
    }

    [Fact]
    public async Task RunAsync_TwiceWithSameScript_IdenticalStepSequencesAndInputs()
    {
        var first = Scripted().FailTimes(WorkflowSteps.Reconcile, 1);
        var second = Scripted().FailTimes(WorkflowSteps.Reconcile, 1);

        await IngestionWorkflow.RunAsync(first, Input);
        await IngestionWorkflow.RunAsync(second, Input);

        Assert.Equal(Serialize(first.Calls), Serialize(second.Calls));
    }

    [Fact]
    public async Task RunAsync_SuccessAndFailure_CallEveryStepOfTheTableWithItsTypes()
    {
        var succeeded = Scripted();
        var failed = Scripted().FailTimes(WorkflowSteps.Apply, 1, new ArgumentException("bad decision"));

        await IngestionWorkflow.RunAsync(succeeded, Input);
        await IngestionWorkflow.RunAsync(failed, Input);

        // The strict context refuses any call the table does not list with exactly these types, so a step the workflow calls
        // but a runner could not dispatch fails here, and a table row the workflow never calls is dead.
        Assert.Null(succeeded.UnexpectedStep);
        Assert.Null(failed.UnexpectedStep);
        Assert.Equal(
            WorkflowSteps.All.Select(step => step.Name).Order(StringComparer.Ordinal),
            succeeded.Calls.Concat(failed.Calls).Select(call => call.Step).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FactsOmittedByExtraction_PassedToCompletion()
    {
        var context = Scripted();
        context.Script(WorkflowSteps.ExtractFacts, _ => new ExtractOutput([Fact], TokenUsage.None, FactsOmitted: 7));

        await IngestionWorkflow.RunAsync(context, Input);

        var complete = (CompleteInput)context.Calls.Single(call => call.Step == WorkflowStepNames.Complete).Input!;
        Assert.Equal(7, complete.FactsOmitted);
    }

    private static string[] Serialize(IReadOnlyList<StepCall> calls) =>
        [.. calls.Select(call => $"{call.Step}#{call.Attempt}:{JsonSerializer.Serialize(call.Input)}")];

    private static ScriptedWorkflowContext Scripted(IReadOnlyList<CandidateFact>? facts = null, OperationStatus? status = OperationStatus.Running)
    {
        facts ??= [Fact];
        var decision = new AppliedDecision(MemoryAction.Add, Fact.Text, "mem_1", null, "new");
        return new ScriptedWorkflowContext()
            .Script(WorkflowSteps.ReportProgress, _ => new ProgressOutput(status))
            .Script(WorkflowSteps.ExtractFacts, _ => new ExtractOutput(facts, new TokenUsage(100, 20)))
            .Script(WorkflowSteps.KeepTurns, _ => new KeepTurnsOutput(1))
            .Script(WorkflowSteps.Reconcile, _ => new DecideOutput([new ReconciliationDecision(0, MemoryAction.Add)], new TokenUsage(30, 4)))
            .Script(WorkflowSteps.Apply, _ => new ApplyOutput([decision], [Fact.Text]))
            .Script(WorkflowSteps.RefreshSummaries, _ => new SummarizeOutput(true, true, new TokenUsage(7, 3)))
            .Script(WorkflowSteps.Complete, _ => new ProgressOutput(OperationStatus.Succeeded))
            .Script(WorkflowSteps.Fail, _ => new ProgressOutput(OperationStatus.Failed));
    }
}
