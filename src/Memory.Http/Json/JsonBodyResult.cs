using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Json;

/// <summary>Either a parsed body or the problem that explains why there is none.</summary>
public readonly record struct JsonBodyResult<T>(T? Value, ProblemHttpResult? Problem)
    where T : class;
