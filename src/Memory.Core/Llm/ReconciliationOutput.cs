using System.Text.Json;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// The reconciliation answer's envelope (reconcile.v1.schema.json). Decisions stay raw so that one malformed decision
/// becomes a NOOP for its fact instead of failing the whole batch.
/// </summary>
internal sealed record ReconciliationOutput(IReadOnlyList<JsonElement> Decisions);

/// <summary>One decision as the model writes it: fact and target are the small integers shown in the prompt, never memory ids.</summary>
internal sealed record DecisionOutput(int Fact, string Action, int? Target, string? Text, string Reason);
