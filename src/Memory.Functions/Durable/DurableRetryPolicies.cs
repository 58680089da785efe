using MemoryFunctions.Core.Workflow;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Maps Core's <see cref="StepRetryPolicy"/> onto Durable Task retries. The schedules match one to one: Durable waits
/// <c>firstRetryInterval * backoffCoefficient^(n-1)</c> before retry n, capped at <c>maxRetryInterval</c>, which is
/// <see cref="StepRetryPolicy.DelayBefore"/> of attempt n + 1. Durable rejects a zero first interval, a coefficient
/// below 1 and a cap below the first interval, so those are clamped instead of failing the orchestration.
/// </summary>
internal static class DurableRetryPolicies
{
    private static readonly TimeSpan MinimumFirstRetryInterval = TimeSpan.FromMilliseconds(1);

    public static TaskOptions? ToTaskOptions(StepRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (retry.MaxAttempts <= 1)
        {
            return null;
        }

        var first = retry.FirstDelay > TimeSpan.Zero ? retry.FirstDelay : MinimumFirstRetryInterval;
        var policy = new RetryPolicy(
            retry.MaxAttempts,
            first,
            Math.Max(1.0, retry.BackoffCoefficient),
            retry.MaxDelay >= first ? retry.MaxDelay : first)
        {
            // Bad input or a bug does not get better by waiting (Core's StepFailures): fail the operation at once.
            HandleFailure = failure => !IsPermanent(failure),
        };
        return TaskOptions.FromRetryPolicy(policy);
    }

    /// <summary>
    /// Activity exceptions reach the orchestrator as failure details (a type name), not as exceptions, so the check runs
    /// over Core's list of permanent types. A refused model call (ModelCallException) cannot be told from a transient
    /// one by its type alone: Durable retries it a few times before the operation fails.
    /// </summary>
    private static bool IsPermanent(TaskFailureDetails failure) => StepFailures.PermanentTypes.Any(failure.IsCausedBy);
}
