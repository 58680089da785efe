namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The vectors of the texts embedded most recently, at most <c>capacity</c> of them (least recently used out first).
/// The model is the dearest step of a search (the query's embedding) and agents ask the same questions again (a
/// <c>/context</c> per turn with the same standing query, a retried request), so a repeated text costs a dictionary look-up.
/// Vectors are shared with callers through read-only memory and never changed.
/// </summary>
internal sealed class EmbeddingCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Text, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, float[] Vector)> _recency = new();

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
        lock (_gate)
        {
            if (_entries.TryGetValue(text, out var node))
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

        lock (_gate)
        {
            if (_entries.ContainsKey(text))
            {
                return;
            }

            _entries[text] = _recency.AddFirst((text, vector));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recency.Last!.Value.Text);
                _recency.RemoveLast();
            }
        }
    }
}
