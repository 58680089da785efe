using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Ingestion;

public sealed record SummaryResult(string Text, TokenUsage Usage);
