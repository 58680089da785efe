using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Llm;

/// <summary>A parsed model answer and the tokens spent on it, corrective retry included.</summary>
internal sealed record StructuredResponse<T>(T Value, TokenUsage Usage);
