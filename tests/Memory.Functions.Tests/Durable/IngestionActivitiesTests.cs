using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// The activity functions are declared by hand (the worker's generator reads <c>[Function]</c> attributes only), so they
/// are held to Core's step table here: one activity per step, with the step's input and output. The generated
/// <c>functions.metadata</c> is checked against the same table in <see cref="Http.RouteParityTests"/>.
/// </summary>
public sealed class IngestionActivitiesTests
{
    [Fact]
    public void Activities_DeclaredFunctions_AreExactlyTheStepTableWithItsTypes()
    {
        var table = WorkflowSteps.All
            .Select(step => $"{step.Name}: {step.InputType.Name} → {step.OutputType.Name}")
            .Order(StringComparer.Ordinal);
        var declared = FunctionsTaskRegistry.Activities
            .Where(activity => !EraseActivities.Names.Contains(activity.Name))
            .Select(activity => $"{activity.Name}: {activity.Method.GetParameters()[0].ParameterType.Name} → {activity.Method.ReturnType.GetGenericArguments()[0].Name}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(table, declared);
    }
}
