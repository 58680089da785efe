namespace MemoryFunctions.Client.Models;

public sealed record UserErasure(int MemoriesErased, int OperationsErased);
