using System.Collections.Concurrent;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// What a crash run was promised: direct writes answered 201/200 and operations answered 202, per user. Requests whose
/// answer never arrived (the server died first) are not promises and are only counted. Thread-safe.
/// </summary>
public sealed class CrashLedger
{
    private readonly ConcurrentDictionary<(string UserId, string Text), byte> _writes = new();
    private readonly ConcurrentDictionary<(string UserId, string OperationId), string> _operations = new();
    private long _unanswered;

    public IReadOnlyCollection<(string UserId, string Text)> Writes => [.. _writes.Keys];

    /// <summary>Acknowledged operations and the memory text each must produce.</summary>
    public IReadOnlyDictionary<(string UserId, string OperationId), string> Operations => new Dictionary<(string, string), string>(_operations);

    public IReadOnlyCollection<string> Users => [.. _writes.Keys.Select(key => key.UserId).Concat(_operations.Keys.Select(key => key.UserId)).Distinct(StringComparer.Ordinal)];

    /// <summary>Requests that got no answer (transport failure): neither acknowledged nor refused.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    public void WriteAcknowledged(string userId, string text) => _writes.TryAdd((userId, text), 0);

    public void OperationAcknowledged(string userId, string operationId, string expectedText) => _operations.TryAdd((userId, operationId), expectedText);

    public void RequestUnanswered() => Interlocked.Increment(ref _unanswered);
}
