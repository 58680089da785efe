namespace MemoryFunctions.Client.Models;

/// <summary>
/// What an erase operation reports: how much of the user it removes (null until counted) and, on the Functions app, how
/// many workflow instances' history could not be purged.
/// </summary>
public sealed record OperationErasure(int? MemoriesErased, int? OperationsErased, int? InstancesLeft);
