using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// Reconciles candidate facts with a chat model (prompt <c>reconcile.v1</c>). Existing memories are shown under small
/// integers, never their ids, so the model cannot invent or garble an id; every answer is mapped back and checked
/// here. A decision naming an unknown fact, an unknown memory, a memory that is not that fact's neighbour, or lacking a
/// required target or text is rejected and recorded as NOOP with the reason — never repaired by guessing.
/// </summary>
public sealed class LlmMemoryReconciler(IChatClient chatClient, ILogger<LlmMemoryReconciler> logger) : IMemoryReconciler
{
    private const int MaxOutputTokensPerFact = 120;

    public async Task<ReconciliationResult> ReconcileAsync(IReadOnlyList<FactWithNeighbours> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var decisions = new ReconciliationDecision?[facts.Count];

        // A fact with no similar memory can only be new (or a retraction of nothing): no need to spend tokens asking.
        for (var i = 0; i < facts.Count; i++)
        {
            if (facts[i].Neighbours.Count == 0)
            {
                decisions[i] = facts[i].Fact.IsRetraction
                    ? new(i, MemoryAction.Noop, Reason: "Retraction with no matching memory.")
                    : new(i, MemoryAction.Add, Reason: "No similar memory exists.");
            }
        }

        var usage = Operations.TokenUsage.None;
        var asked = Enumerable.Range(0, facts.Count).Where(i => decisions[i] is null).ToList();
        if (asked.Count > 0)
        {
            var numbering = MemoryNumbering.For(asked.Select(i => facts[i]));
            var response = await StructuredChat.GetAsync<ReconciliationOutput>(
                chatClient,
                PromptLibrary.Reconcile,
                BuildUserMessage(facts, asked, numbering),
                new ChatOptions { MaxOutputTokens = 256 + (MaxOutputTokensPerFact * asked.Count) },
                logger,
                validate: ValidateEnvelope,
                cancellationToken: cancellationToken);
            usage = response.Usage;

            foreach (var element in response.Value.Decisions)
            {
                Apply(element, facts, asked, numbering, decisions);
            }

            foreach (var i in asked.Where(i => decisions[i] is null))
            {
                decisions[i] = Reject(i, "the model returned no decision for this fact");
            }
        }

        return new ReconciliationResult(decisions.Select(d => d!).ToList(), usage);
    }

    internal static string BuildUserMessage(IReadOnlyList<FactWithNeighbours> facts, IReadOnlyList<int> asked, MemoryNumbering numbering)
    {
        var builder = new StringBuilder("Candidate facts, each with the existing memories most similar to it:\n");
        foreach (var i in asked)
        {
            var fact = facts[i].Fact;
            builder.Append(CultureInfo.InvariantCulture, $"\nFact {i + 1}: \"{fact.Text}\" (kind: {Lower(fact.Kind)}; slot: {fact.Slot ?? "none"}; ")
                .Append(CultureInfo.InvariantCulture, $"retraction: {(fact.IsRetraction ? "yes" : "no")}")
                .Append(fact.ValidFrom is { } from ? string.Create(CultureInfo.InvariantCulture, $"; valid from {from:yyyy-MM-dd}") : string.Empty)
                .Append(")\n");
            foreach (var neighbour in facts[i].Neighbours)
            {
                var memory = neighbour.Memory;
                builder.Append(CultureInfo.InvariantCulture, $"  Memory {numbering.NumberOf(memory.Id)}: \"{memory.Text}\" (kind: {Lower(memory.Kind)}; ")
                    .Append(CultureInfo.InvariantCulture, $"since {memory.ValidFrom:yyyy-MM-dd}; similarity {neighbour.Similarity:0.00})\n");
            }
        }

        return builder.ToString();
    }

    private static IReadOnlyList<string> ValidateEnvelope(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("decisions", out var decisions)
        && decisions.ValueKind == JsonValueKind.Array
        && root.EnumerateObject().Count() == 1
            ? []
            : ["$: expected an object with exactly one property, 'decisions', an array"];

    private void Apply(
        JsonElement element, IReadOnlyList<FactWithNeighbours> facts, IReadOnlyList<int> asked, MemoryNumbering numbering, ReconciliationDecision?[] decisions)
    {
        var itemSchema = PromptLibrary.Reconcile.Schema.GetProperty("properties").GetProperty("decisions").GetProperty("items");
        var factNumber = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("fact", out var f) && f.TryGetInt32(out var n) ? n : 0;
        var index = factNumber - 1;
        if (!asked.Contains(index))
        {
            Log.LlmDecisionRejected(logger, factNumber, "the decision names a fact number that was not asked about");
            return;
        }

        if (decisions[index] is not null)
        {
            Log.LlmDecisionRejected(logger, factNumber, "a second decision for the same fact was ignored");
            return;
        }

        var errors = StructuredChat.TryParse<DecisionOutput>(element.GetRawText(), root => JsonSchemaCheck.Validate(itemSchema, root), null, out var decision);
        decisions[index] = errors.Count > 0
            ? Reject(index, $"malformed decision: {string.Join("; ", errors)}")
            : Map(index, decision!, facts[index], numbering);
    }

    private ReconciliationDecision Map(int index, DecisionOutput decision, FactWithNeighbours fact, MemoryNumbering numbering)
    {
        MemoryAction? action = decision.Action switch
        {
            "ADD" => MemoryAction.Add,
            "UPDATE" => MemoryAction.Update,
            "SUPERSEDE" => MemoryAction.Supersede,
            "DELETE" => MemoryAction.Delete,
            "NOOP" => MemoryAction.Noop,
            _ => null,
        };
        if (action is null)
        {
            return Reject(index, $"unknown action '{decision.Action}'");
        }

        string? targetId = null;
        if (decision.Target is { } target && action != MemoryAction.Add)
        {
            targetId = numbering.IdOf(target);
            if (targetId is null)
            {
                return Reject(index, $"memory {target} does not exist");
            }

            if (!fact.Neighbours.Any(n => n.Memory.Id == targetId))
            {
                return Reject(index, $"memory {target} is not one of this fact's similar memories");
            }
        }

        if (targetId is null && action is MemoryAction.Update or MemoryAction.Supersede or MemoryAction.Delete)
        {
            return Reject(index, $"{decision.Action} needs a target memory");
        }

        if (action == MemoryAction.Update && string.IsNullOrWhiteSpace(decision.Text))
        {
            return Reject(index, "UPDATE needs the merged text");
        }

        return new ReconciliationDecision(
            index, action.Value, targetId, action == MemoryAction.Update ? decision.Text!.Trim() : null, decision.Reason)
        {
            ReasonWrittenByModel = true,
        };
    }

    private ReconciliationDecision Reject(int index, string reason)
    {
        Log.LlmDecisionRejected(logger, index + 1, reason);
        return new ReconciliationDecision(index, MemoryAction.Noop, Reason: $"Rejected model decision: {reason}.");
    }

    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
