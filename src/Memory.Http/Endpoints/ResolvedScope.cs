using MemoryFunctions.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>The partition a request may touch, or the problem (401, 400, 403) that stops it.</summary>
public readonly record struct ResolvedScope(MemoryPartition Partition, ProblemHttpResult? Problem);
