using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// A row of the step table: the step's name (also its Durable activity name), its input and output records, and the
/// class that runs it. <see cref="RunAsync"/> resolves that class and runs it on an input of the declared type.
/// </summary>
public sealed class WorkflowStepDefinition
{
    private readonly Func<IServiceProvider, object, CancellationToken, Task<object?>> _run;

    private WorkflowStepDefinition(string name, Type input, Type output, Type handler, Func<IServiceProvider, object, CancellationToken, Task<object?>> run)
    {
        Name = name;
        InputType = input;
        OutputType = output;
        HandlerType = handler;
        _run = run;
    }

    public string Name { get; }

    public Type InputType { get; }

    public Type OutputType { get; }

    public Type HandlerType { get; }

    public static WorkflowStepDefinition Of<TStep, TInput, TOutput>(string name)
        where TStep : class, IWorkflowStep<TInput, TOutput>
        where TInput : class =>
        new(name, typeof(TInput), typeof(TOutput), typeof(TStep), async (services, input, cancellationToken) =>
            await services.GetRequiredService<TStep>().RunAsync(
                input as TInput ?? throw new ArgumentException($"Step '{name}' takes a {typeof(TInput).Name}, not a {input.GetType().Name}.", nameof(input)),
                cancellationToken));

    public Task<object?> RunAsync(IServiceProvider services, object input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        return _run(services, input, cancellationToken);
    }
}
