using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>Runs steps through <paramref name="inner"/>, erasing the user just before step call number <paramref name="eraseBeforeCall"/> (0-based).</summary>
internal sealed class ErasingWorkflowContext(IWorkflowContext inner, int eraseBeforeCall, Func<Task> erase) : IWorkflowContext
{
    private int _calls;

    public List<string> Steps { get; } = [];

    public DateTimeOffset CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public async Task<TResult> CallStepAsync<TInput, TResult>(WorkflowStep<TInput, TResult> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class
    {
        var stepName = workflowStep.Name;
        if (_calls++ == eraseBeforeCall)
        {
            await erase();
        }

        Steps.Add(stepName);
        return await inner.CallStepAsync(workflowStep, input, retry);
    }
}
