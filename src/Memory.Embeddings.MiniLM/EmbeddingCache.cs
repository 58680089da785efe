using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The vectors of the texts embedded most recently, at most <c>capacity</c> of them (least recently used out first).
/// The model is the dearest step of a search (the query's embedding) and agents ask the same questions again (a
/// <c>/context</c> per turn with the same standing query, a retried request), so a repeated text costs a dictionary look-up.
/// Vectors are shared with callers through read-only memory and never changed. Entries are keyed by the SHA-256 digest of
/// the text, not the text: the cache holds no user text, so none outlives an erase in process memory because of it (the
/// vectors do, until evicted: docs/security.md).
/// </summary>
internal sealed class EmbeddingCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _recency = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string text, out float[] vector)
    {
        var key = KeyOf(text);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                vector = node.Value.Vector;
                return true;
            }
        }

        vector = [];
        return false;
    }

    public void Add(string text, float[] vector)
    {
        if (capacity == 0)
        {
            return;
        }

        var key = KeyOf(text);
        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            _entries[key] = _recency.AddFirst((key, vector));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }
        }
    }

    /// <summary>Whether any entry is keyed by <paramref name="text"/> itself rather than its digest (never, by design).</summary>
    internal bool HoldsText(string text)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(text);
        }
    }

    private static string KeyOf(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
