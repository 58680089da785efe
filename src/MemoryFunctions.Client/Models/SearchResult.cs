namespace MemoryFunctions.Client.Models;

/// <summary>
/// One search hit. <see cref="Standing"/> says what it is: <c>current</c> (a statement that holds), <c>ended</c>
/// (superseded or retracted, only when asked for), <c>evidence</c> (a kept conversation turn) or <c>outdatedEvidence</c>
/// (a turn whose only statement has since been superseded).
/// </summary>
public sealed record SearchResult(Memory Memory, double Score, ScoreExplanation? Explanation)
{
    public string? Standing { get; init; }
}
