namespace MemoryFunctions.Client;

/// <summary>The parts of a problem+json answer (and its headers) that a <see cref="MemoryApiException"/> carries.</summary>
public sealed record ApiProblem(string? Type, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public TimeSpan? RetryAfter { get; init; }

    public string? ETag { get; init; }
}
