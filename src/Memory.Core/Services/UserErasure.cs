namespace MemoryFunctions.Core.Services;

public sealed record UserErasure(int MemoriesErased, int OperationsErased);
