using System.Globalization;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// What the API must show, folded from the acknowledged responses of one script. Every text a script sends carries a
/// token naming its partition (<c>qz{p}t{n}x{run}</c>); the model knows in which generations of the partition (one per
/// erase) each token was acknowledged, so any answer can be checked for text it must not show.
/// </summary>
public sealed partial class ApiModel(string run)
{
    /// <summary>Two users of one tenant and the first user's id again in a second tenant (a store keyed by user id alone would leak).</summary>
    public static IReadOnlyList<(string Tenant, string User)> Partitions { get; } = [("tenant-a", "alice"), ("tenant-a", "bob"), ("tenant-b", "alice")];

    private readonly Dictionary<string, (int Partition, HashSet<int> Generations)> _tokens = new(StringComparer.Ordinal);
    private readonly int[] _generations = new int[Partitions.Count];
    private int _tokenCount;

    public string Run { get; } = run;

    public List<DirectMemory> Direct { get; } = [];

    public List<ModelOperation> Operations { get; } = [];

    /// <summary>The body and operation each idempotency key was bound to, per partition and generation.</summary>
    public Dictionary<(int Partition, int Generation, int Key), (IngestBody Body, string OperationId)> Keys { get; } = [];

    /// <summary>The script's last messages request, in any generation: what a retry re-sends.</summary>
    public (int Partition, int Key, IngestBody Body)? LastIngest { get; set; }

    public string User(int partition) => $"{Partitions[partition].User}-{Run}";

    public string UserPath(int partition) => $"/api/users/{User(partition)}";

    /// <summary>Erases so far of the partition; data acknowledged in an earlier generation must never be visible again.</summary>
    public int Generation(int partition) => _generations[partition];

    public string NewToken(int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"qz{partition}t{++_tokenCount}x{Run}");

    /// <summary>The server acknowledged a request carrying <paramref name="token"/> in the partition's current generation.</summary>
    public void Acknowledge(int partition, string token)
    {
        if (!_tokens.TryGetValue(token, out var entry))
        {
            entry = (partition, []);
            _tokens[token] = entry;
        }

        entry.Generations.Add(Generation(partition));
    }

    public void Erase(int partition)
    {
        _generations[partition]++;
        foreach (var operation in Operations.Where(o => o.Partition == partition && o.ErasedAtGeneration is null))
        {
            operation.ErasedAtGeneration = _generations[partition];
        }
    }

    public bool IsLive(DirectMemory memory) => !memory.Deleted && memory.Generation == Generation(memory.Partition);

    public IEnumerable<ModelOperation> CurrentOperations(int partition) =>
        Operations.Where(o => o.Partition == partition && o.Generation == Generation(partition));

    /// <summary>Why <paramref name="text"/> must not be shown to <paramref name="partition"/>, or null when it may.</summary>
    public string? ForbiddenText(int partition, string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var token in TokenPattern().Matches(text).Select(match => match.Value.ToLowerInvariant()))
        {
            if (!_tokens.TryGetValue(token, out var entry))
            {
                return $"'{token}' comes from a request that was never acknowledged";
            }

            if (entry.Partition != partition)
            {
                return $"'{token}' belongs to partition p{entry.Partition}";
            }

            if (!entry.Generations.Contains(Generation(partition)))
            {
                return $"'{token}' was acknowledged only before an erase (generations {string.Join(',', entry.Generations)}, now {Generation(partition)})";
            }
        }

        return null;
    }

    [GeneratedRegex(@"qz\d+t\d+x[0-9a-f]{8}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
