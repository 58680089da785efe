namespace MemoryFunctions.Core.Workflow;

/// <param name="Kept">Turns written by this run (a re-run finds them written and counts none).</param>
public sealed record KeepTurnsOutput(int Kept);
