namespace MemoryFunctions.Bench.Context;

/// <summary>One user's generated conversation history and the questions asked about it afterwards.</summary>
internal sealed record GeneratedUser(string UserId, IReadOnlyList<GeneratedSession> Sessions, IReadOnlyList<GeneratedQuestion> Questions);
