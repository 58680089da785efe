using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// Turns a settings mistake found at start-up into the lines a person needs (which setting, what to set) instead of
/// "Unhandled exception." and a stack trace. Options validation names the setting in each failure, and the backend and
/// store checks throw <see cref="InvalidOperationException"/> with a message naming the setting and the fix. Anything else
/// is a bug, so it keeps its stack trace.
/// </summary>
internal static class StartupFailure
{
    public static bool IsSettingsMistake(Exception exception) => Unwrap(exception) is OptionsValidationException or InvalidOperationException;

    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var cause = Unwrap(exception);
        var lines = cause is OptionsValidationException validation ? validation.Failures : [cause.Message];
        foreach (var line in lines)
        {
            error.WriteLine($"Cannot start: {line}");
        }

        error.WriteLine("Settings: README.md, section Configuration, or dotnet run --project src/Memory.Server -- --help.");
        return 2;
    }

    /// <summary>The host wraps what hosted services throw while starting.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions: [var only] } ? Unwrap(only) : exception;
}
