using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>
/// Counts what is asked of the embedder, charged to the workflow step that asked (<see cref="StepTimingContext.CurrentStep"/>):
/// calls, texts, word pieces (when a token counter is given) and the time spent inside the call.
/// </summary>
internal sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, Func<string, int>? countTokens)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly Dictionary<string, EmbeddingCount> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, EmbeddingCount> Counts
    {
        get
        {
            lock (_counts)
            {
                return new Dictionary<string, EmbeddingCount>(_counts, StringComparer.Ordinal);
            }
        }
    }

    public void Reset()
    {
        lock (_counts)
        {
            _counts.Clear();
        }
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var started = Stopwatch.GetTimestamp();
        var result = await base.GenerateAsync(texts, options, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var tokens = countTokens is null ? 0 : texts.Sum(countTokens);
        var cause = StepTimingContext.CurrentStep ?? "outside any step";
        lock (_counts)
        {
            var count = _counts.GetValueOrDefault(cause);
            _counts[cause] = new EmbeddingCount(count.Calls + 1, count.Texts + texts.Count, count.Tokens + tokens, count.Milliseconds + elapsed);
        }

        return result;
    }
}

/// <summary>What one cause asked of the embedder: calls, texts, word pieces and milliseconds inside the calls.</summary>
internal readonly record struct EmbeddingCount(int Calls, int Texts, long Tokens, double Milliseconds);
