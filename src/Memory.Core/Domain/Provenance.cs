namespace MemoryFunctions.Core.Domain;

/// <summary>Where a memory came from: the ingestion operation and the conversation messages it was extracted from.</summary>
public sealed record Provenance(string? OperationId, IReadOnlyList<string> MessageIds)
{
    public static Provenance Direct { get; } = new(null, []);
}
