namespace MemoryFunctions.Core.Operations;

/// <summary>The workflow step under way and how many of its items are done.</summary>
public sealed record OperationProgress(string Step, int Done, int Total);
