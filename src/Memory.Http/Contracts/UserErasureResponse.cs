namespace MemoryFunctions.Http.Contracts;

/// <summary>What <c>DELETE /api/users/{userId}</c> removed. History goes with the memories and is not counted separately.</summary>
public sealed record UserErasureResponse(int MemoriesErased, int OperationsErased);
