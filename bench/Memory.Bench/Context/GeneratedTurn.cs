namespace MemoryFunctions.Bench.Context;

internal sealed record GeneratedTurn(string Role, string Content, DateTimeOffset Timestamp);
