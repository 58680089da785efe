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
            // Bad input or a bug does not get better by waiting: the step's boundary said so with the type (Core's StepFailures).
            HandleFailure = failure => !failure.IsCausedBy<PermanentStepException>(),
        };
        return TaskOptions.FromRetryPolicy(policy);
    }
}
