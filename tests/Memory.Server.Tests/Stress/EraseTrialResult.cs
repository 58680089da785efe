namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>One trial: when the erase came, what it found, and every way the user's data was found afterwards (empty when none).</summary>
public sealed record EraseTrialResult(EraseTrialKind Kind, int DelayMilliseconds, int MemoriesErased, int OperationsErased, IReadOnlyList<string> Leaks);
