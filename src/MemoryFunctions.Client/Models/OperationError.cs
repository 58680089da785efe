namespace MemoryFunctions.Client.Models;

/// <summary>Why an operation failed, as a problem object.</summary>
public sealed record OperationError(string Type, string Title, string Detail);
