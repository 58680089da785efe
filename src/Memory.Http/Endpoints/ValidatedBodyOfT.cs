using MemoryFunctions.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>The partition a request addresses and its validated body, or the problem that stops the request.</summary>
public readonly record struct ValidatedBody<T>(MemoryPartition Partition, T? Body, ProblemHttpResult? Problem)
    where T : class;
