namespace MemoryFunctions.Core.Erasure;

/// <summary>How a background erase ended, for <see cref="ErasureSteps.FinishAsync"/>.</summary>
/// <param name="Erase">The erase.</param>
/// <param name="InstancesLeft">Workflow instances whose history could not be purged (null on a host without any).</param>
/// <param name="Failure">Why deleting stopped before the end (an exception's type), or null when it reached the end.</param>
public sealed record ErasureEnd(ErasureStepInput Erase, int? InstancesLeft, string? Failure);
