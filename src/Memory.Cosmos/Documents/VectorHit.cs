namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// One search row: the memory without its embedding and its cosine similarity (<c>VectorDistance</c> with the cosine
/// policy); the similarity is absent when a lexical search had no vector.
/// </summary>
internal sealed class VectorHit
{
    public required MemoryDocument Memory { get; set; }

    public double? Score { get; set; }
}
