namespace MemoryFunctions.Client.Models;

/// <summary>Model tokens an operation spent (0 with the local rule-based extractor).</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens);
