namespace MemoryFunctions.Core.Workflow;

/// <summary>Runs a step of <see cref="WorkflowSteps.All"/> by name, its handler resolved from the container: what every runner calls.</summary>
public sealed class WorkflowStepInvoker(IServiceProvider services)
{
    /// <summary>Runs the step on an input of its declared type; what the local runner calls from the workflow's generic call.</summary>
    public Task<object?> RunAsync(string stepName, object input, CancellationToken cancellationToken = default) =>
        WorkflowSteps.Named(stepName).RunAsync(services, input, cancellationToken);

    /// <summary>Typed form for a caller that declares the step's signature itself (a Durable activity); it must match the table.</summary>
    public async Task<TOutput> RunAsync<TInput, TOutput>(string stepName, TInput input, CancellationToken cancellationToken = default)
        where TInput : class
    {
        var step = WorkflowSteps.Named(stepName);
        if (step.InputType != typeof(TInput) || step.OutputType != typeof(TOutput))
        {
            throw new NotSupportedException(
                $"Step '{stepName}' is {step.InputType.Name} → {step.OutputType.Name}, not {typeof(TInput).Name} → {typeof(TOutput).Name}.");
        }

        return (TOutput)(await step.RunAsync(services, input, cancellationToken))!;
    }
}
