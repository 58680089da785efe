namespace MemoryFunctions.Client.Models;

public sealed record SearchResult(Memory Memory, double Score, ScoreExplanation? Explanation);
