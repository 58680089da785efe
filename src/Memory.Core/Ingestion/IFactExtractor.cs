namespace MemoryFunctions.Core.Ingestion;

/// <summary>Finds the statements worth keeping in conversation turns. Implementations: rule-based (local) and LLM.</summary>
public interface IFactExtractor
{
    Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default);
}
