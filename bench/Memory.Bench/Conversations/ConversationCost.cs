using System.Globalization;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// What one server spent on a conversations run: its CPU time per ingested turn (from the first post until every
/// operation succeeded, summaries and facts included), and <c>POST /search</c> (top 10) for every question, three times,
/// after one uncharged round and once the server's CPU has gone quiet (<see cref="ServerHost.SettleAsync"/>), timed at the
/// client (wall, so load-sensitive) with the server's CPU time per search; and <c>POST /context</c> per budget, the server's
/// CPU time per block (read around each budget's blocks). Every generated question names a participant. Of several
/// conversations the first only warms the server (its JIT compilation is a one-time cost) and is not charged.
/// </summary>
internal sealed class ConversationCost
{
    private readonly List<double> _searchMs = [];
    private readonly TimeSpan[] _contextCpu = new TimeSpan[ConversationsBenchmark.Budgets.Length];
    private readonly int[] _contexts = new int[ConversationsBenchmark.Budgets.Length];

    public TimeSpan IngestionCpu { get; set; }

    public int Turns { get; set; }

    public TimeSpan SearchCpu { get; set; }

    /// <summary>The first conversation warmed the server and is not charged.</summary>
    public bool Warmed { get; set; }

    /// <summary>The longest wait, after a charged conversation's ingestion, for the server to go quiet before its searches.</summary>
    public TimeSpan SettledAfter { get; set; }

    public void Searched(double milliseconds) => _searchMs.Add(milliseconds);

    /// <summary><paramref name="blocks"/> <c>/context</c> blocks at the budget of index <paramref name="budget"/> cost the server <paramref name="cpu"/>.</summary>
    public void Built(int budget, TimeSpan cpu, int blocks)
    {
        _contextCpu[budget] += cpu;
        _contexts[budget] += blocks;
    }

    public double CpuPerTurnMs => Turns == 0 ? double.NaN : IngestionCpu.TotalMilliseconds / Turns;

    public override string ToString()
    {
        var searches = new Percentiles(_searchMs);
        return string.Create(CultureInfo.InvariantCulture, $"ingestion {CpuPerTurnMs:F2} ms of server CPU per turn ({Turns} turns); `POST /search` p50 {searches.P50:F1} / p95 {searches.P95:F1} ms, {SearchCpu.TotalMilliseconds / Math.Max(1, searches.Count):F2} ms of server CPU per search ({searches.Count} searches after an uncharged round, once the server's CPU was quiet: {SettledAfter.TotalSeconds:F1} s after the ingestion at most); `POST /context` {ContextCpu()} ms of server CPU per block at {string.Join(" / ", ConversationsBenchmark.Budgets.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} tokens ({_contexts.Sum()} blocks){(Warmed ? ", after a first conversation that warmed the server" : string.Empty)}");
    }

    private string ContextCpu() => string.Join(" / ", _contextCpu.Select((cpu, b) => (cpu.TotalMilliseconds / Math.Max(1, _contexts[b])).ToString("F2", CultureInfo.InvariantCulture)));
}
