using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Core.Workflow;

/// <summary>A row of the step table: the step's name (also its Durable activity name), its input and output, and the class that runs it.</summary>
public abstract class WorkflowStep
{
    private protected WorkflowStep(string name, Type handlerType, Type inputType, Type outputType)
    {
        Name = name;
        HandlerType = handlerType;
        InputType = inputType;
        OutputType = outputType;
    }

    public string Name { get; }

    public Type HandlerType { get; }

    public Type InputType { get; }

    public Type OutputType { get; }

    public static WorkflowStep<TInput, TOutput> Of<TStep, TInput, TOutput>(string name)
        where TStep : class, IWorkflowStep<TInput, TOutput>
        where TInput : class =>
        new(name, typeof(TStep), services => services.GetRequiredService<TStep>());
}

/// <summary>A typed row of the step table; <see cref="RunAsync"/> is the one boundary every runner runs a step through.</summary>
public sealed class WorkflowStep<TInput, TOutput> : WorkflowStep
    where TInput : class
{
    private readonly Func<IServiceProvider, IWorkflowStep<TInput, TOutput>> _handler;

    internal WorkflowStep(string name, Type handlerType, Func<IServiceProvider, IWorkflowStep<TInput, TOutput>> handler)
        : base(name, handlerType, typeof(TInput), typeof(TOutput))
    {
        _handler = handler;
    }

    /// <summary>
    /// Runs the step's handler, resolved from <paramref name="services"/> (the local runner's container, or the Functions
    /// invocation's). A failure leaves as a <see cref="StepFailedException"/> (<see cref="PermanentStepException"/> when retrying
    /// cannot help), whose message is ours alone, so it can cross into Durable history and an operation's error; the
    /// original stays its inner exception. Cancellation leaves as it is: the runner is stopping, nothing failed.
    /// A step is background work (<see cref="BackgroundWork"/>): for the owner its runner named, else an unnamed one.
    /// </summary>
    public async Task<TOutput> RunAsync(IServiceProvider services, TInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        using var background = BackgroundWork.For(BackgroundWork.CurrentOwner ?? BackgroundWork.UnnamedOwner);
        try
        {
            return await _handler(services).RunAsync(input, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or StepFailedException))
        {
            throw StepFailedException.From(exception);
        }
    }
}
