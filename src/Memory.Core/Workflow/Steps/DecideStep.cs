using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Asks the reconciler what to do with each fact and keeps only decisions that pass <see cref="DecisionValidator"/>.</summary>
public sealed class DecideStep(IMemoryReconciler reconciler, ILogger<DecideStep> logger) : IWorkflowStep<DecideInput, DecideOutput>
{
    public async Task<DecideOutput> RunAsync(DecideInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await reconciler.ReconcileAsync(input.Facts, cancellationToken);
        StepTelemetry.RecordTokens(result.Usage, WorkflowStepNames.Reconcile);
        var decisions = DecisionValidator.Validate(input.Facts, result.Decisions, (decision, why) =>
            Log.DecisionRejected(logger, input.OperationId, decision.Action, decision.FactIndex, why));
        return new DecideOutput(decisions, result.Usage);
    }
}
