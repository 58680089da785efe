namespace MemoryFunctions.Core.Search;

/// <summary>What a search result is: a statement that holds, one that has ended, or what was said (evidence, perhaps outdated).</summary>
public enum MemoryStanding
{
    /// <summary>A memory that holds at the time asked about (fact, preference, …).</summary>
    Current,

    /// <summary>A memory that ended before the time asked about (superseded or retracted); returned only when asked for.</summary>
    Ended,

    /// <summary>A kept conversation turn: what was said, as said, on its date.</summary>
    Evidence,

    /// <summary>
    /// A kept turn whose only statement has since ended ("I work at Contoso" after "I joined Fabrikam", or a retraction): it
    /// ranks below the statement holding in its place, when there is one.
    /// </summary>
    OutdatedEvidence,
}
