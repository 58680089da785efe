using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// An activity's exception reaches the orchestrator as <see cref="TaskFailedException"/>, its own type and message kept
/// only in <see cref="TaskFailedException.FailureDetails"/>. The workflow reports the failed step by exception type, as
/// it does on the local runner, so the adapter restores that type when it can (a public exception type with a message
/// constructor); otherwise the workflow sees the <see cref="TaskFailedException"/> itself. Deterministic on replay: it
/// reads only the failure details recorded in history.
/// </summary>
internal static class ActivityFailures
{
    public static Exception Restore(TaskFailedException failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var details = failed.FailureDetails;
        var type = FindExceptionType(details.ErrorType);
        var constructor = type?.GetConstructor([typeof(string), typeof(Exception)]);
        return constructor?.Invoke([details.ErrorMessage, failed]) as Exception ?? failed;
    }

    private static Type? FindExceptionType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(fullName, throwOnError: false))
            .FirstOrDefault(type => type is { IsPublic: true, IsAbstract: false } && typeof(Exception).IsAssignableFrom(type));
}
