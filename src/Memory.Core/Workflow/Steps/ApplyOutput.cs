using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What was applied, per decision. <paramref name="ProfileChanges"/> are the lines the user profile must absorb: new or
/// changed statements, and "No longer: …" for statements that ended.
/// </summary>
public sealed record ApplyOutput(IReadOnlyList<AppliedDecision> Decisions, IReadOnlyList<string> ProfileChanges);
