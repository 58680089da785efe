using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// Runs one activity function of the Functions app (a <c>[Function]</c> method with an <c>[ActivityTrigger]</c>
/// input) as a Durable Task activity: the engine hands it the deserialized input and the invocation's services, and a
/// <c>[DurableClient]</c> parameter the task hub's client, as the Functions host would. Each completed run is written to
/// the <see cref="ActivityLog"/> with its serialized payloads.
/// </summary>
internal sealed class FunctionActivity<TInput, TOutput>(IServiceProvider services, MethodInfo method, ActivityLog log, DataConverter converter)
    : TaskActivity<TInput, TOutput>
{
    public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        TOutput output;
        try
        {
            var arguments = method.GetParameters()
                .Select(parameter => parameter.ParameterType == typeof(FunctionContext) ? new ActivityFunctionContext(services, context.InstanceId)
                    : parameter.ParameterType == typeof(DurableTaskClient) ? services.GetRequiredService<DurableTaskClient>()
                    : (object?)input)
                .ToArray();
            output = await (Task<TOutput>)method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            // The worker invokes through generated code, so the activity's own exception is what reaches Durable.
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }

        log.Add(new ActivityRun(context.InstanceId, context.Name.Name, Serialized(input), Serialized(output)));
        return output;
    }

    private string Serialized(object? value) => converter.Serialize(value) ?? string.Empty;
}
