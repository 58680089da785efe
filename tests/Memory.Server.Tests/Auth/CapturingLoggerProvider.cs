using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>
/// Records everything every logger writes at any level: the formatted message, each structured value, the exception and
/// every active scope (as text and as values), so a test can search all of it for a secret.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Describe(object? value)
    {
        if (value is null)
        {
            yield break;
        }

        yield return value.ToString() ?? string.Empty;
        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                yield return $"{pair.Key}={pair.Value}";
            }
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var parts = new List<string> { $"[{logLevel}] {category} ({eventId.Id}): {formatter(state, exception)}" };
            parts.AddRange(Describe(state));
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            owner._scopes.ForEachScope((scope, list) => list.AddRange(Describe(scope).Select(s => "scope: " + s)), parts);
            owner._entries.Enqueue(string.Join('\n', parts));
        }
    }
}
