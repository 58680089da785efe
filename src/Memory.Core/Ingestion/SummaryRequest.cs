namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// An incremental summary update: the previous summary (null the first time) plus what is new, to be folded into at
/// most <paramref name="MaxTokens"/> tokens.
/// </summary>
/// <param name="Subject">Session summary or user profile.</param>
/// <param name="NewContent">New turns (session summary) or newly learned facts (profile), one per line.</param>
public sealed record SummaryRequest(SummarySubject Subject, string? PreviousSummary, IReadOnlyList<string> NewContent, int MaxTokens);
