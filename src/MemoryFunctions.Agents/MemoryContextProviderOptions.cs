namespace MemoryFunctions.Agents;

public sealed record MemoryContextProviderOptions
{
    /// <summary>Token budget of the recalled block (the server's <c>maxTokens</c>, 64 to 32,000).</summary>
    public int MaxContextTokens { get; init; } = 1_000;

    /// <summary>Also ingest the assistant's replies (only user turns are mined for facts about the user; replies give them context).</summary>
    public bool IncludeAssistantReplies { get; init; } = true;
}
