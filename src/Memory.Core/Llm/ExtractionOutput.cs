namespace MemoryFunctions.Core.Llm;

/// <summary>The extraction answer as the model writes it (extract.v1.schema.json): one entry per fact.</summary>
internal sealed record ExtractionOutput(IReadOnlyList<ExtractedFactOutput> Facts);

/// <summary>
/// One extracted fact in the model's vocabulary: kind and source as lower-case strings, source messages by their
/// number in the prompt (1-based), validFrom as an ISO 8601 date. Mapped to <see cref="Ingestion.CandidateFact"/> after checks.
/// </summary>
internal sealed record ExtractedFactOutput(
    string Text,
    string Kind,
    string Source,
    double Confidence,
    double Importance,
    string? Slot,
    bool IsRetraction,
    string? ValidFrom,
    IReadOnlyList<int> Messages);
