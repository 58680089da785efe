using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Who speaks in each user's conversations, as this process's searches have seen them (the speakers of their candidates),
/// so that a query naming one of them is asked once, already without the name (<see cref="QueryFocus"/>), instead of first
/// with it to learn who the participants are. A hint only: the search confirms it from the candidates it gets and asks
/// the long way when they disagree (a participant erased since, a name that is also a word). Holds hashes of the names'
/// words, not the names, for at most <see cref="Capacity"/> users; the first seen fall out first.
/// </summary>
public sealed class ConversationParticipants
{
    public const int Capacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<MemoryPartition, List<string[]>> _speakers = new();
    private readonly Queue<MemoryPartition> _seen = new();

    /// <summary>Remembers the speakers among <paramref name="candidates"/> (each name as the hashes of its words).</summary>
    public void Saw(MemoryPartition partition, IEnumerable<SearchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var names = candidates.Select(candidate => candidate.Memory.Speaker).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => TextTokenizer.Words(name).Select(MemoryIds.ContentHash).ToArray())
            .Where(words => words.Length > 0)
            .ToList();
        if (names.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_speakers.TryGetValue(partition, out var known))
            {
                while (_speakers.Count >= Capacity && _seen.TryDequeue(out var oldest))
                {
                    _speakers.Remove(oldest);
                }

                _speakers[partition] = known = [];
                _seen.Enqueue(partition);
            }

            known.AddRange(names.Where(name => !known.Exists(seen => seen.SequenceEqual(name))));
        }
    }

    /// <summary>The participants <paramref name="query"/> names (every word of the name in it), as the query spells them; empty when none is known.</summary>
    public IReadOnlyList<string> NamedIn(MemoryPartition partition, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = TextTokenizer.Words(query).Distinct(StringComparer.Ordinal).ToDictionary(MemoryIds.ContentHash, word => word, StringComparer.Ordinal);
        lock (_gate)
        {
            return _speakers.TryGetValue(partition, out var known)
                ? [.. known.Where(name => name.All(words.ContainsKey)).Select(name => string.Join(' ', name.Select(hash => words[hash])))]
                : [];
        }
    }
}
