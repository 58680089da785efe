using MemoryFunctions.Agents;
using MemoryFunctions.Client;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Samples.MemoryAgent;

/// <summary>
/// Two conversations with the same user: in the first the user mentions a fact, in the second (a new agent session,
/// nothing carried over but the user id) the model's prompt holds that fact, recalled by the memory provider.
/// </summary>
internal static class MemoryAgentDemo
{
    public const string Instructions = "You are a helpful travel assistant. Use what you know about the user when it helps.";

    /// <returns>The prompt the model saw in the second conversation.</returns>
    public static async Task<IReadOnlyList<ChatMessage>> RunAsync(MemoryClient memory, string userId, TextWriter output, CancellationToken cancellationToken = default)
    {
        var model = new ScriptedChatClient(prompt => prompt.Any(m => m.Text.Contains("<memory-context>", StringComparison.Ordinal) && m.Text.Contains("vegetarian", StringComparison.OrdinalIgnoreCase))
            ? "Since you are vegetarian, try Funky Fresh Foods in Oslo."
            : "Noted! Anything else I can help with?");
        var provider = new MemoryContextProvider(memory, _ => new MemoryScope(userId) { AgentId = "travel-agent" });
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions
        {
            Name = "travel-agent",
            ChatOptions = new() { Instructions = Instructions },
            AIContextProviders = [provider],
        });

        var first = await agent.CreateSessionAsync(cancellationToken);
        await SayAsync(agent, first, "Hi! I'm vegetarian and I live in Oslo.", output, cancellationToken);

        // The turn was submitted in the background; wait for ingestion so the next session can recall it.
        foreach (var outcome in await provider.WhenIngestedAsync(cancellationToken))
        {
            output.WriteLine($"  [memory] operation {outcome.Operation.Id} {outcome.Operation.Status}: {string.Join(", ", outcome.Decisions.Select(d => $"{d.Action} '{d.Fact}'"))}");
        }

        var second = await agent.CreateSessionAsync(cancellationToken);
        await SayAsync(agent, second, "Where should I have dinner tonight?", output, cancellationToken);
        var prompt = model.Prompts[^1];
        output.WriteLine("  [model saw] " + string.Join(" | ", prompt.Select(m => $"{m.Role}: {m.Text.ReplaceLineEndings(" ")}")));
        return prompt;
    }

    private static async Task SayAsync(AIAgent agent, AgentSession session, string text, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"user> {text}");
        var response = await agent.RunAsync(text, session, cancellationToken: cancellationToken);
        output.WriteLine($"agent> {response.Text}");
    }
}
