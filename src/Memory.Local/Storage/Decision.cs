namespace MemoryFunctions.Local.Storage;

/// <summary>The outcome a write decided: the entry to log (if any), the caller's result, and optionally a result computed from applying it.</summary>
internal readonly record struct Decision<TResult>(LogEntry? Entry, TResult Result, Func<int, TResult>? FromApplied = null);
