using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

public sealed record SummarizeOutput(bool SessionSummaryRefreshed, bool ProfileRefreshed, TokenUsage Usage);
