using System.Collections.Concurrent;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>What the scripts of one property run exercised, so a pass can be told from a run that tested little.</summary>
public sealed class ApiRunStatistics
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Count(string what) => Add(what, 1);

    public void Add(string what, int amount) => _counts.AddOrUpdate(what, amount, (_, n) => n + amount);

    public int this[string what] => _counts.GetValueOrDefault(what);

    public override string ToString() =>
        string.Join(", ", _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}"));
}
