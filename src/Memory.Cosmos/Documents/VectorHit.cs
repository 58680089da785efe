namespace MemoryFunctions.Cosmos.Documents;

/// <summary>One row of the vector channel: the memory and its cosine similarity (<c>VectorDistance</c> with the cosine policy).</summary>
internal sealed class VectorHit
{
    public required MemoryDocument Memory { get; set; }

    public double Score { get; set; }
}
