using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Who speaks in each user's conversations, as this process's searches have seen them (the speakers of their candidates),
/// so that a query naming one of them is asked once, already without the name (<see cref="QueryFocus"/>), instead of first
/// with it to learn who the participants are. A hint only: the search confirms it from the candidates it gets and asks
/// the long way when they disagree (a participant erased since, a name that is also a word). Holds hashes of the names'
/// words, not the names, for at most <see cref="Capacity"/> users (the first seen fall out first) and at most
/// <see cref="MaxNamesPerUser"/> names each: speaker names are the caller's, and one lock serves every tenant, so a user
/// whose turns carry a new name each must not grow the set or the work under the lock (a name past the bound is asked the
/// long way, which is still correct).
/// </summary>
/// <remarks>
/// The hashes are derived from the user's data, so they must not outlive it: an erase in this process forgets the user at
/// once (<see cref="Forget"/>), and every entry ends <see cref="Lifetime"/> after it was made, which bounds the copy
/// another process holds (a Functions instance that did not run the erase, a search that was still running when the
/// erase answered and saw the candidates it had read before).
/// </remarks>
public sealed class ConversationParticipants(TimeProvider timeProvider)
{
    public const int Capacity = 4096;

    public const int MaxNamesPerUser = 64;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<MemoryPartition, Participants> _speakers = new();

    /// <summary>Partitions in the order their entries were made, so the oldest (first to end or be evicted) is at the front.</summary>
    private readonly Queue<(MemoryPartition Partition, Participants Entry)> _made = new();

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

        var now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            DropEnded(now);
            if (!_speakers.TryGetValue(partition, out var entry))
            {
                while (_speakers.Count >= Capacity && _made.TryDequeue(out var oldest))
                {
                    Remove(oldest.Partition, oldest.Entry);
                }

                _speakers[partition] = entry = new Participants(now + (long)(Lifetime.TotalSeconds * timeProvider.TimestampFrequency));
                _made.Enqueue((partition, entry));
            }

            entry.Names.AddRange(names.Where(name => !entry.Names.Exists(seen => seen.SequenceEqual(name))).Take(MaxNamesPerUser - entry.Names.Count));
        }
    }

    /// <summary>
    /// The participants that <paramref name="query"/> names by the rule <see cref="QueryFocus"/> applies
    /// (<see cref="ParticipantNames"/>), each as the words of its name the query says, lower-cased ("sam" for Sam Lee asked
    /// about as Sam: the other words are held only as hashes); empty when none is known.
    /// </summary>
    public IReadOnlyList<string> NamedIn(MemoryPartition partition, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = NameMentions.In(query).ToDictionary(MemoryIds.ContentHash, word => word, StringComparer.Ordinal);
        var firstNames = ParticipantNames.Capitalised(query).Where(words.ContainsValue).Select(MemoryIds.ContentHash).ToHashSet(StringComparer.Ordinal);
        var now = timeProvider.GetTimestamp();
        List<string[]> named;
        lock (_gate)
        {
            DropEnded(now);
            if (!_speakers.TryGetValue(partition, out var entry))
            {
                return [];
            }

            named = [.. new ParticipantNames(entry.Names).NamedBy(words.ContainsKey, firstNames.Contains).Select(i => entry.Names[i])];
        }

        return [.. named.Select(name => string.Join(' ', name.Where(words.ContainsKey).Select(hash => words[hash])))];
    }

    /// <summary>Forgets <paramref name="partition"/>'s participants: its user was erased (the entry's names are dropped too, though the queue still holds the entry until its end).</summary>
    public void Forget(MemoryPartition partition)
    {
        lock (_gate)
        {
            if (_speakers.Remove(partition, out var entry))
            {
                entry.Names.Clear();
            }
        }
    }

    /// <summary>Removes the entries whose lifetime has ended (the queue's front: entries end in the order they were made).</summary>
    private void DropEnded(long now)
    {
        while (_made.TryPeek(out var oldest) && oldest.Entry.Ends <= now)
        {
            _made.Dequeue();
            Remove(oldest.Partition, oldest.Entry);
        }
    }

    /// <summary>Removes <paramref name="entry"/> if it is still the partition's (a forgotten partition may have a newer one).</summary>
    private void Remove(MemoryPartition partition, Participants entry)
    {
        if (_speakers.TryGetValue(partition, out var current) && ReferenceEquals(current, entry))
        {
            _speakers.Remove(partition);
        }
    }

    /// <summary>A user's participants, ending at <see cref="Ends"/> (a <see cref="TimeProvider.GetTimestamp"/> value: monotonic, so a clock set back cannot make an entry outlive its lifetime).</summary>
    private sealed record Participants(long Ends)
    {
        public List<string[]> Names { get; } = [];
    }
}
