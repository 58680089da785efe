namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>An ingestion operation a script started, and what was seen of it.</summary>
public sealed class ModelOperation(int partition, int generation, string id, IngestBody body)
{
    public int Partition { get; } = partition;

    public int Generation { get; } = generation;

    public string Id { get; } = id;

    public IngestBody Body { get; } = body;

    /// <summary>The partition's generation after the erase that ended this operation's generation, if one did.</summary>
    public int? ErasedAtGeneration { get; set; }

    /// <summary>The first terminal state seen (status, decisions, error type); it must never change.</summary>
    public string? Terminal { get; set; }

    /// <summary>The partition's generation when <see cref="Terminal"/> was seen: an erase after it may remove the operation.</summary>
    public int TerminalGeneration { get; set; }

    /// <summary>Seen as 404 after an erase: it must never come back.</summary>
    public bool Gone { get; set; }

    /// <summary>Ids of the memories its ADD decisions created (known once it succeeded).</summary>
    public List<string> Added { get; } = [];
}
