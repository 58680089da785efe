namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>A memory a script wrote with POST /memories, as the model expects it.</summary>
public sealed class DirectMemory(int partition, int generation, string id, string text, string etag)
{
    public int Partition { get; } = partition;

    public int Generation { get; } = generation;

    public string Id { get; } = id;

    public string Text { get; set; } = text;

    public string ETag { get; set; } = etag;

    /// <summary>An ETag the memory had before its last PATCH: a stale If-Match.</summary>
    public string? StaleETag { get; set; }

    public bool Deleted { get; set; }
}
