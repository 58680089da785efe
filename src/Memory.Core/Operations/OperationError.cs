namespace MemoryFunctions.Core.Operations;

/// <summary>Why an operation failed, shaped like RFC 9457 problem details so hosts can return it as is.</summary>
public sealed record OperationError(string Type, string Title, string Detail);
