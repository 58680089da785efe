using System.Globalization;

namespace MemoryFunctions.Bench.Context;

/// <summary>Tokens, recall and latency of the context endpoint at one token budget.</summary>
internal sealed class ContextBudgetResult(int maxTokens)
{
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, int> _missesByQuestion = new(StringComparer.Ordinal);
    private long _historyTokens;
    private long _contextTokens;
    private int _maxContextTokens;
    private int _answered;

    public int MaxTokens => maxTokens;

    public int Queries => _latencies.Count;

    public int Errors { get; set; }

    public IReadOnlyDictionary<string, int> MissesByQuestion => _missesByQuestion;

    public void Add(int historyTokens, int contextTokens, bool answerPresent, string question, double milliseconds)
    {
        _historyTokens += historyTokens;
        _contextTokens += contextTokens;
        _maxContextTokens = Math.Max(_maxContextTokens, contextTokens);
        _latencies.Add(milliseconds);
        if (answerPresent)
        {
            _answered++;
        }
        else
        {
            _missesByQuestion[question] = _missesByQuestion.GetValueOrDefault(question) + 1;
        }
    }

    public string Row()
    {
        var history = (double)_historyTokens / Math.Max(1, Queries);
        var context = (double)_contextTokens / Math.Max(1, Queries);
        var latency = new Percentiles(_latencies);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| MemoryFunctions `POST /context`, maxTokens {maxTokens:N0} (measured) | {Queries} | {Errors} | {history:N0} | {context:N0} (max {_maxContextTokens:N0}) | {100 * (1 - (context / history)):F1} % | {100.0 * _answered / Math.Max(1, Queries):F0} % ({_answered}/{Queries}) | {latency.P50:F1} / {latency.P95:F1} ms |");
    }
}
