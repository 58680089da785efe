namespace MemoryFunctions.Bench.Context;

/// <summary>A question about the user and the word that must appear in a context block that can answer it (the fact's latest value).</summary>
internal sealed record GeneratedQuestion(string Text, string Answer);
