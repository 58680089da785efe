namespace MemoryFunctions.Core.Workflow;

/// <summary>One vector per input text, in order.</summary>
public sealed record EmbedOutput(IReadOnlyList<float[]> Vectors);
