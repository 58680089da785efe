namespace MemoryFunctions.Core.Ingestion;

/// <summary>Keeps rolling session summaries and user profiles. Implementations: extractive (local) and LLM.</summary>
public interface ISummarizer
{
    Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken = default);
}
