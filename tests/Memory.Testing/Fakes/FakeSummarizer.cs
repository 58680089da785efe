using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>Appends the new lines to the previous summary; records every request.</summary>
public sealed class FakeSummarizer : ISummarizer
{
    private readonly List<SummaryRequest> _requests = [];

    public IReadOnlyList<SummaryRequest> Requests => _requests;

    public Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Add(request);
        var lines = (request.PreviousSummary is null ? [] : new[] { request.PreviousSummary }).Concat(request.NewContent);
        return Task.FromResult(new SummaryResult(string.Join('\n', lines), new TokenUsage(10, 5)));
    }
}
