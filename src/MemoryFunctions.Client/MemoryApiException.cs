using System.Net;

namespace MemoryFunctions.Client;

/// <summary>
/// The API answered with an error: its problem+json (RFC 9457) <see cref="Type"/>, <see cref="Title"/>,
/// <see cref="Detail"/> and, for validation failures, the offending <see cref="Errors"/> by field. Subclasses name the
/// cases callers usually handle apart; every other status arrives as this type.
/// </summary>
public class MemoryApiException : Exception
{
    public MemoryApiException()
        : this("The memory API call failed.")
    {
    }

    public MemoryApiException(string message)
        : this(message, innerException: null)
    {
    }

    public MemoryApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public MemoryApiException(HttpStatusCode status, ApiProblem problem)
        : base(Describe(status, problem))
    {
        ArgumentNullException.ThrowIfNull(problem);
        StatusCode = status;
        Type = problem.Type;
        Title = problem.Title;
        Detail = problem.Detail;
        Errors = problem.Errors;
        RetryAfter = problem.RetryAfter;
        ETag = problem.ETag;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The stable problem type, e.g. <c>urn:memoryfunctions:problem:validation</c>.</summary>
    public string? Type { get; }

    public string? Title { get; }

    /// <summary>What went wrong and how to fix it, for a person (or a model) to read.</summary>
    public string? Detail { get; }

    /// <summary>Field name → what is wrong with it; empty unless the request failed validation.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one (throttling, a full or unavailable store).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The current <c>ETag</c> on a 412, to re-read or retry with.</summary>
    public string? ETag { get; }

    private static string Describe(HttpStatusCode status, ApiProblem problem) =>
        $"HTTP {(int)status} {problem.Title ?? status.ToString()}: {problem.Detail ?? "no detail"}"
        + (problem.Errors.Count == 0 ? string.Empty : $" ({string.Join("; ", problem.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))})");
}
