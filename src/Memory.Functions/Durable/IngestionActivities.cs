using MemoryFunctions.Core.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// One activity per row of Core's step table (<see cref="WorkflowSteps"/>), in the shape durabletask-dotnet's source
/// generator gives a class-based activity on Functions (a static <c>[Function]</c> that resolves the class from the
/// invocation's services): the generator is not served here, and the worker indexes functions only by their
/// <c>[Function]</c> attributes, so these lines are written once by hand. The compiler holds each body to its row's input
/// and output; a test holds each name to its row. Activities run at least once; the steps are idempotent.
/// </summary>
public static class IngestionActivities
{
    [Function(WorkflowStepNames.ReportProgress)]
    public static Task<ProgressOutput> ReportProgressAsync([ActivityTrigger] ProgressInput input, FunctionContext context) =>
        WorkflowSteps.ReportProgress.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.ExtractFacts)]
    public static Task<ExtractOutput> ExtractFactsAsync([ActivityTrigger] ExtractInput input, FunctionContext context) =>
        WorkflowSteps.ExtractFacts.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.KeepTurns)]
    public static Task<KeepTurnsOutput> KeepTurnsAsync([ActivityTrigger] KeepTurnsInput input, FunctionContext context) =>
        WorkflowSteps.KeepTurns.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.Reconcile)]
    public static Task<DecideOutput> ReconcileAsync([ActivityTrigger] ReconcileInput input, FunctionContext context) =>
        WorkflowSteps.Reconcile.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.Apply)]
    public static Task<ApplyOutput> ApplyAsync([ActivityTrigger] ApplyInput input, FunctionContext context) =>
        WorkflowSteps.Apply.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.RefreshSummaries)]
    public static Task<SummarizeOutput> RefreshSummariesAsync([ActivityTrigger] SummarizeInput input, FunctionContext context) =>
        WorkflowSteps.RefreshSummaries.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.Complete)]
    public static Task<ProgressOutput> CompleteAsync([ActivityTrigger] CompleteInput input, FunctionContext context) =>
        WorkflowSteps.Complete.RunAsync(Services(context), input, context.CancellationToken);

    [Function(WorkflowStepNames.Fail)]
    public static Task<ProgressOutput> FailAsync([ActivityTrigger] FailInput input, FunctionContext context) =>
        WorkflowSteps.Fail.RunAsync(Services(context), input, context.CancellationToken);

    private static IServiceProvider Services(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices;
    }
}
