using System.Reflection;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// Registers the Functions app's orchestrator and every activity function it declares (found from the same
/// <c>[Function]</c>/<c>[ActivityTrigger]</c> attributes the worker SDK reads), so the engine runs the real code.
/// </summary>
internal static class FunctionsTaskRegistry
{
    private static readonly MethodInfo AddActivityMethod =
        typeof(FunctionsTaskRegistry).GetMethod(nameof(AddActivity), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Activity functions of the app: name, declaring type and method.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method)> Activities { get; } =
        [.. typeof(IngestionOrchestrator).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(method => method.GetParameters().Any(parameter => parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            .Select(method => (method.GetCustomAttribute<FunctionAttribute>()!.Name, method))];

    /// <param name="onEpisode">Called at the start of every orchestrator episode (replays included), for replay probes.</param>
    public static void Register(DurableTaskRegistry tasks, Action<TaskOrchestrationContext>? onEpisode = null)
    {
        tasks.AddOrchestrator(IngestionOrchestrator.Name, () => new FunctionOrchestrator(onEpisode));
        tasks.AddOrchestrator(EraseOrchestrator.Name, () => new EraseFunctionOrchestrator(onEpisode));
        tasks.AddOrchestrator(HistoryPurgeOrchestrator.Name, () => new HistoryPurgeFunctionOrchestrator());
        foreach (var (name, method) in Activities)
        {
            var input = method.GetParameters()[0].ParameterType;
            var output = method.ReturnType.GetGenericArguments()[0];
            AddActivityMethod.MakeGenericMethod(input, output).Invoke(null, [tasks, name, method]);
        }
    }

    private static void AddActivity<TInput, TOutput>(DurableTaskRegistry tasks, string name, MethodInfo method) =>
        tasks.AddActivity(name, services => new FunctionActivity<TInput, TOutput>(
            services,
            method,
            services.GetRequiredService<ActivityLog>(),
            services.GetRequiredService<WorkerDataConverter>()));
}
