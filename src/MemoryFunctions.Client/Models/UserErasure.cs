namespace MemoryFunctions.Client.Models;

/// <summary>A finished erase: what it removed.</summary>
public sealed record UserErasure(int MemoriesErased, int OperationsErased);
