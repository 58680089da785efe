namespace MemoryFunctions.Client.Models;

/// <summary>
/// What an operation left out to keep its work bounded: extracted facts past the server's per-request cap (not
/// reconciled; their turns are still kept) and decisions past the per-operation cap (applied, but not listed).
/// </summary>
public sealed record OperationTruncation(int FactsOmitted, int DecisionsOmitted);
