using System.Diagnostics;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>
/// Wraps a runner's context and adds up the wall time of each step, to show where a request's time goes; while a step
/// runs, <see cref="CurrentStep"/> names it, so what the step calls (the embedder) can be charged to it.
/// </summary>
internal sealed class StepTimingContext(IWorkflowContext inner) : IWorkflowContext
{
    private static readonly AsyncLocal<string?> Running = new();

    /// <summary>The step running on this asynchronous flow, or null outside any step.</summary>
    public static string? CurrentStep => Running.Value;

    public Dictionary<string, double> Milliseconds { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public async Task<TResult> CallStepAsync<TInput, TResult>(WorkflowStep<TInput, TResult> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class
    {
        var stepName = workflowStep.Name;
        var started = Stopwatch.GetTimestamp();
        Running.Value = stepName;
        try
        {
            return await inner.CallStepAsync(workflowStep, input, retry);
        }
        finally
        {
            Running.Value = null;
            Milliseconds[stepName] = Milliseconds.GetValueOrDefault(stepName) + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }
}
