namespace MemoryFunctions.Client.Models;

public sealed record OperationProgress(string Step, int Done, int Total);
