using System.Diagnostics;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>Wraps a runner's context and adds up the wall time of each step, to show where a request's time goes.</summary>
internal sealed class StepTimingContext(IWorkflowContext inner) : IWorkflowContext
{
    public Dictionary<string, double> Milliseconds { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public async Task<TResult> CallStepAsync<TInput, TResult>(string stepName, TInput input, StepRetryPolicy retry)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.CallStepAsync<TInput, TResult>(stepName, input, retry);
        }
        finally
        {
            Milliseconds[stepName] = Milliseconds.GetValueOrDefault(stepName) + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }
}
