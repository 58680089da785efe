namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>What a hostile request must get.</summary>
public enum HostileExpectation
{
    /// <summary>A 4xx <c>application/problem+json</c> with a contract problem type.</summary>
    Problem,

    /// <summary>
    /// A 200 whose result list is empty: the hostile text is a legal value of a free-text filter (a tag, a metadata
    /// value), so it is matched literally, as data, and matches nothing.
    /// </summary>
    LiteralNoMatch,
}
