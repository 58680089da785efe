using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Asks the reconciler what to do with each fact and keeps only decisions that pass <see cref="DecisionValidator"/>. A
/// model's reason for a NOOP that names no memory is not kept (unless <see cref="IngestionOptions.KeepFinishedRequests"/>):
/// it may quote the fact, which no memory holds and which the finished record drops (<see cref="ActiveOperationWriter"/>),
/// so it would be the record's own copy of what the turns said. Any other reason is about facts that memories hold, and goes
/// with them (erase). Dropped here, before the decision is recorded anywhere (operation record, history, Durable history).
/// </summary>
public sealed class DecideStep(IMemoryReconciler reconciler, IOptions<IngestionOptions> options, ILogger<DecideStep> logger) : IWorkflowStep<DecideInput, DecideOutput>
{
    /// <summary>What stands for a model's reason that is not kept.</summary>
    public const string ReasonNotKept = "the model's reason is not kept: it may quote a fact no memory holds";

    public async Task<DecideOutput> RunAsync(DecideInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await reconciler.ReconcileAsync(input.Facts, cancellationToken);
        StepTelemetry.RecordTokens(result.Usage, WorkflowStepNames.Reconcile);
        var decisions = DecisionValidator.Validate(input.Facts, result.Decisions, (decision, why) =>
            Log.DecisionRejected(logger, input.OperationId, decision.Action, decision.FactIndex, why));
        return new DecideOutput(options.Value.KeepFinishedRequests ? decisions : [.. decisions.Select(WithoutQuotingReason)], result.Usage);
    }

    private static ReconciliationDecision WithoutQuotingReason(ReconciliationDecision decision) =>
        decision is { Action: MemoryAction.Noop, TargetMemoryId: null, ReasonWrittenByModel: true }
            ? decision with { Reason = ReasonNotKept, ReasonWrittenByModel = false }
            : decision;
}
