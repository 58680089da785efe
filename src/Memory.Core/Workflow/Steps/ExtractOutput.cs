using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The facts the rest of the workflow works on: at most <see cref="IngestionOptions.MaxFactsPerRequest"/>, in the
/// extractor's order; <paramref name="FactsOmitted"/> counts the ones past the cap, which the operation records.
/// </summary>
public sealed record ExtractOutput(IReadOnlyList<CandidateFact> Facts, TokenUsage Usage, int FactsOmitted = 0);
