using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>Thresholds of <see cref="SimilarityReconciler"/>, bound from <c>Memory:Ingestion:Reconciler</c>.</summary>
public sealed class SimilarityReconcilerOptions
{
    public const string SectionName = "Memory:Ingestion:Reconciler";

    /// <summary>Cosine similarity from which a fact counts as a repeat of an existing memory (NOOP).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Memory:Ingestion:Reconciler:DuplicateSimilarity must be between 0 and 1 (default 0.9).")]
    public double DuplicateSimilarity { get; set; } = 0.9;

    /// <summary>
    /// Cosine similarity from which a fact whose text contains an existing memory's text is taken as that memory with
    /// more detail (UPDATE) rather than a new memory.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Memory:Ingestion:Reconciler:DetailSimilarity must be between 0 and 1 (default 0.7).")]
    public double DetailSimilarity { get; set; } = 0.7;
}
