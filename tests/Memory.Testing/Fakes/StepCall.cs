using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>One attempt of a workflow step as seen by <see cref="ScriptedWorkflowContext"/>.</summary>
public sealed record StepCall(string Step, object? Input, int Attempt, bool Failed, StepRetryPolicy Retry);
