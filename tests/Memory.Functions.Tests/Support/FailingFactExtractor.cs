using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Local.Ingestion;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>The rule-based extractor behind a script of failures: call n (1-based) throws <c>Failure(n)</c> when that is not null.</summary>
internal sealed class FailingFactExtractor(Func<int, Exception?> failure) : IFactExtractor
{
    private readonly RuleBasedFactExtractor _inner = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        return failure(call) is { } exception ? Task.FromException<ExtractionResult>(exception) : _inner.ExtractAsync(request, cancellationToken);
    }
}
