namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// One conversation turn as a caller sent it, before <see cref="TurnRules"/> checks it: every field may be missing or
/// wrong, so the rule can name each one instead of a parser failing on the first.
/// </summary>
public sealed record TurnDraft(string? Id, string? Role, string? Content, DateTimeOffset? Timestamp, string? Name);
