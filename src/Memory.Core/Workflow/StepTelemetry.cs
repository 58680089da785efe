using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

internal static class StepTelemetry
{
    /// <summary>Recorded where the model was called, retries included: that is what was actually spent.</summary>
    public static void RecordTokens(TokenUsage usage, string step)
    {
        if (usage.InputTokens > 0)
        {
            MemoryTelemetry.ModelTokens.Add(usage.InputTokens, new("memory.step", step), new("memory.token.type", "input"));
        }

        if (usage.OutputTokens > 0)
        {
            MemoryTelemetry.ModelTokens.Add(usage.OutputTokens, new("memory.step", step), new("memory.token.type", "output"));
        }
    }
}
