using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// The activity functions are written by hand where durabletask-dotnet's generator would have written them (it is not
/// served): the compiler holds each body to its row's input and output, and this test holds each declared name to the row
/// of that input, so an activity cannot run one step under another's name. The generated <c>functions.metadata</c> is
/// checked against the same table in <see cref="Http.RouteParityTests"/>.
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
            .Where(activity => !EraseActivities.Names.Contains(activity.Name) && !CallbackActivities.Names.Contains(activity.Name) && !HistoryPurgeActivities.Names.Contains(activity.Name))
            .Select(activity => $"{activity.Name}: {activity.Method.GetParameters()[0].ParameterType.Name} → {activity.Method.ReturnType.GetGenericArguments()[0].Name}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(table, declared);
    }
}
