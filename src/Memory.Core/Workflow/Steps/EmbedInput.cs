namespace MemoryFunctions.Core.Workflow;

public sealed record EmbedInput(IReadOnlyList<string> Texts);
