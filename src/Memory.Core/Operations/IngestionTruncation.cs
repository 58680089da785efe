namespace MemoryFunctions.Core.Operations;

/// <summary>
/// What an operation left out to keep its work bounded: facts extracted past <c>Memory:Ingestion:MaxFactsPerRequest</c>
/// (not reconciled; their turns are still kept verbatim) and decisions past <c>Memory:Ingestion:MaxDecisionsRecorded</c>
/// (applied, but not listed on the operation).
/// </summary>
public sealed record IngestionTruncation(int FactsOmitted, int DecisionsOmitted)
{
    /// <summary>Null when nothing was left out, so an ordinary operation carries no truncation at all.</summary>
    public static IngestionTruncation? Of(int factsOmitted, int decisionsOmitted) =>
        factsOmitted > 0 || decisionsOmitted > 0 ? new(factsOmitted, decisionsOmitted) : null;
}
