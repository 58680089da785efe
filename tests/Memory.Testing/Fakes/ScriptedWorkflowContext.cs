using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// A strict fake <see cref="IWorkflowContext"/> for testing workflows without a runner: records every step attempt,
/// returns scripted results, fails a step a scripted number of times (retrying per the policy, without waiting), and
/// throws for any step that has no script or that Core's step table (<see cref="WorkflowSteps.All"/>) does not list.
/// </summary>
public sealed class ScriptedWorkflowContext : IWorkflowContext
{
    private readonly Dictionary<string, Func<object?, object>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly List<StepCall> _calls = [];

    public DateTimeOffset CurrentUtcDateTime { get; set; } = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public bool IsReplaying => false;

    /// <summary>Every attempt, in order, with its input and whether it failed.</summary>
    public IReadOnlyList<StepCall> Calls => _calls;

    /// <summary>Set when the workflow called a step with no script.</summary>
    public string? UnexpectedStep { get; private set; }

    public ScriptedWorkflowContext Script<TInput, TResult>(WorkflowStep<TInput, TResult> step, Func<TInput, TResult> result)
        where TInput : class
        where TResult : notnull
    {
        ArgumentNullException.ThrowIfNull(step);
        _scripts[step.Name] = input => result((TInput)input!);
        return this;
    }

    /// <summary>The next <paramref name="times"/> attempts of the step throw <paramref name="exception"/> (default: a transient failure).</summary>
    public ScriptedWorkflowContext FailTimes(WorkflowStep step, int times, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        _failures[step.Name] = times;
        FailureException = exception ?? new TimeoutException("scripted transient failure");
        return this;
    }

    public Exception FailureException { get; private set; } = new TimeoutException("scripted transient failure");

    public Task<TResult> CallStepAsync<TInput, TResult>(WorkflowStep<TInput, TResult> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(workflowStep);
        ArgumentNullException.ThrowIfNull(retry);
        var stepName = workflowStep.Name;
        for (var attempt = 1; ; attempt++)
        {
            var failing = _failures.TryGetValue(stepName, out var left) && left > 0;
            _calls.Add(new StepCall(stepName, input, attempt, failing, retry));
            var listed = WorkflowSteps.All.Contains(workflowStep);
            if (!listed || !_scripts.TryGetValue(stepName, out var script))
            {
                UnexpectedStep ??= stepName;
                throw new InvalidOperationException(listed ? $"No script for step '{stepName}'." : $"Step '{stepName}' is not in the step table.");
            }

            if (!failing)
            {
                return Task.FromResult((TResult)script(input));
            }

            _failures[stepName] = left - 1;
            if (attempt >= retry.MaxAttempts || FailureException is OperationCanceledException || StepFailures.IsPermanent(FailureException))
            {
                throw FailureException;
            }
        }
    }
}
