using MemoryFunctions.Core.Erasure;

namespace MemoryFunctions.Functions.Durable;

/// <summary>The erase orchestration's input, carried over <c>ContinueAsNew</c>: the erase, and whether it was counted (and its old instances stopped) already.</summary>
public sealed record EraseOrchestration(ErasureStepInput Erase, bool Started = false);
