namespace MemoryFunctions.Core.Diagnostics;

/// <summary>The phases <see cref="RequestTimings"/> tells apart.</summary>
public enum RequestPhase
{
    /// <summary>Embedding text: for a search, the query (every call, when it asks twice).</summary>
    Embedding,

    /// <summary>The store's search: its vector and lexical channels, over the index or a scan.</summary>
    StoreSearch,

    /// <summary>Every other store call made meanwhile (reads of what ranked memories replaced, for instance).</summary>
    StoreRead,

    /// <summary>The whole search: embedding, store calls and ranking.</summary>
    Search,
}
