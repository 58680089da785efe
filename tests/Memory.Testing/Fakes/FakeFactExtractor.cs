using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>Returns <see cref="Facts"/> (or what <see cref="Extract"/> computes) for every request.</summary>
public sealed class FakeFactExtractor : IFactExtractor
{
    public IReadOnlyList<CandidateFact> Facts { get; set; } = [];

    public Func<IngestionRequest, ExtractionResult>? Extract { get; set; }

    public TokenUsage Usage { get; set; } = TokenUsage.None;

    public int Calls { get; private set; }

    public Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(Extract?.Invoke(request) ?? new ExtractionResult(Facts, Usage));
    }
}
