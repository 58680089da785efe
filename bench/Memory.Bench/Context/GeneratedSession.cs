namespace MemoryFunctions.Bench.Context;

internal sealed record GeneratedSession(string SessionId, IReadOnlyList<GeneratedTurn> Turns);
