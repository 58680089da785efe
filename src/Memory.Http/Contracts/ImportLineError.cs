using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// A line the import refused, as the problem+json the same body would get from <c>POST /memories</c>, with its line number
/// (1-based, blank lines counted). Also why an import stopped (<see cref="ImportReport.Stopped"/>), naming the line it stopped at.
/// </summary>
public sealed record ImportLineError(
    long Line,
    string Type,
    string Title,
    int Status,
    string? Detail,
    IDictionary<string, string[]>? Errors)
{
    public static ImportLineError From(long line, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(
            line,
            problem.Type ?? string.Empty,
            problem.Title ?? string.Empty,
            problem.Status ?? StatusCodes.Status400BadRequest,
            problem.Detail,
            (problem as HttpValidationProblemDetails)?.Errors);
    }
}
