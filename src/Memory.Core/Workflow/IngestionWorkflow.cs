using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The ingestion workflow, written once for every runner: extract → keep the turns → reconcile (embed, find similar, decide) →
/// apply → refresh summaries → complete, with a progress report before each phase. Steps get the operation id, never the
/// turns, and no vector crosses from one step to another: orchestration history holds references and facts, not conversation.
/// </summary>
/// <remarks>
/// Every phase boundary is a stop point: the progress report reads the operation, and when it is no longer running (its
/// user was erased, so it is cancelled or gone) the workflow stops there. Between boundaries the store fences every write
/// with the partition epoch the operation began in (<see cref="IngestionWorkflowInput.Epoch"/>), so a step already under
/// way when the erase answers writes nothing either.
/// </remarks>
/// <remarks>
/// Deterministic by construction, because a Durable Functions orchestrator is replayed from its history: no clock,
/// Guid, random numbers, environment or I/O in here. Everything with a side effect is a named step called through
/// <see cref="IWorkflowContext.CallStepAsync{TInput, TOutput}"/>, and every step is idempotent, so a runner may re-run
/// the workflow from the start after a crash (the local runner does) without writing anything twice.
/// </remarks>
public static class IngestionWorkflow
{
    /// <summary>Phases reported as progress (done/total).</summary>
    public const int PhaseCount = 5;

    public const string ProblemTypeStepFailed = "urn:memoryfunctions:problem:ingestion-step-failed";

    public static async Task<IngestionWorkflowResult> RunAsync(IWorkflowContext context, IngestionWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = StepRetryPolicy.Default;
        var usage = TokenUsage.None;
        WorkflowStep step = WorkflowSteps.ReportProgress;
        try
        {
            var started = await ReportAsync(context, input, WorkflowSteps.ExtractFacts, 0);
            if (!started.ShouldContinue)
            {
                return Stopped(started);
            }

            step = WorkflowSteps.ExtractFacts;
            var extraction = await context.CallStepAsync(WorkflowSteps.ExtractFacts, new ExtractInput(input.OperationId, input.Partition), retry);
            usage += extraction.Usage;

            step = WorkflowSteps.KeepTurns;
            if (await ReportAsync(context, input, step, 1) is { ShouldContinue: false } beforeTurns)
            {
                return Stopped(beforeTurns);
            }

            await context.CallStepAsync(WorkflowSteps.KeepTurns, new KeepTurnsInput(input.OperationId, input.Partition, input.Epoch), retry);

            IReadOnlyList<AppliedDecision> applied = [];
            IReadOnlyList<string> profileChanges = [];
            if (extraction.Facts.Count > 0)
            {
                step = WorkflowSteps.Reconcile;
                if (await ReportAsync(context, input, step, 2) is { ShouldContinue: false } beforeReconcile)
                {
                    return Stopped(beforeReconcile);
                }

                var decided = await context.CallStepAsync(WorkflowSteps.Reconcile, new ReconcileInput(input.OperationId, input.Partition, extraction.Facts), retry);
                usage += decided.Usage;

                step = WorkflowSteps.Apply;
                if (await ReportAsync(context, input, step, 3) is { ShouldContinue: false } beforeApply)
                {
                    return Stopped(beforeApply);
                }

                var applyOutput = await context.CallStepAsync(
                    WorkflowSteps.Apply, new ApplyInput(input.OperationId, input.Partition, input.Epoch, extraction.Facts, decided.Decisions), retry);
                applied = applyOutput.Decisions;
                profileChanges = applyOutput.ProfileChanges;
            }

            step = WorkflowSteps.RefreshSummaries;
            if (await ReportAsync(context, input, step, 4) is { ShouldContinue: false } beforeSummaries)
            {
                return Stopped(beforeSummaries);
            }

            var summaries = await context.CallStepAsync(
                WorkflowSteps.RefreshSummaries, new SummarizeInput(input.OperationId, input.Partition, input.Epoch, profileChanges), retry);
            usage += summaries.Usage;

            step = WorkflowSteps.Complete;
            var completed = await context.CallStepAsync(
                WorkflowSteps.Complete, new CompleteInput(input.OperationId, input.Partition, applied, usage, extraction.FactsOmitted), retry);
            return new IngestionWorkflowResult(completed.Status, applied);
        }
        catch (OperationCanceledException)
        {
            // The runner is shutting down: the operation stays running and is resumed, not failed.
            throw;
        }
#pragma warning disable CA1031 // Any step failure that survived its retries fails the operation; the caller polls for it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The detail names the step and what StepFailedException lets out (the cause's type, a refused model call's
            // remedy in our own words), never the cause's message: it may quote memory text.
            var error = new OperationError(
                ProblemTypeStepFailed,
                "Ingestion failed",
                $"Step '{step.Name}' failed ({StepFailedException.Describe(exception)}); the conversation was not fully ingested. Submitting it again is safe.");
            var failed = await context.CallStepAsync(WorkflowSteps.Fail, new FailInput(input.OperationId, input.Partition, error, usage), retry);
            return new IngestionWorkflowResult(failed.Status, []);
        }
    }

    /// <summary>The operation ended elsewhere (its user was erased, or an earlier run finished it): stop without writing.</summary>
    private static IngestionWorkflowResult Stopped(ProgressOutput report) => new(report.Status, []);

    private static Task<ProgressOutput> ReportAsync(IWorkflowContext context, IngestionWorkflowInput input, WorkflowStep phase, int done) =>
        context.CallStepAsync(WorkflowSteps.ReportProgress, new ProgressInput(input.OperationId, input.Partition, phase.Name, done, PhaseCount), StepRetryPolicy.Default);
}
