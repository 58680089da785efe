namespace MemoryFunctions.Client.Models;

/// <summary><c>POST /users/{userId}/messages</c>: turns to extract memories from, asynchronously.</summary>
public sealed record MessageBatch(IReadOnlyList<ConversationMessage> Messages)
{
    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyDictionary<string, object>? Metadata { get; init; }

    /// <summary>
    /// Optional: where the local server POSTs a signed notice when the operation ends (a host in its
    /// <c>Memory:Callbacks:AllowedHosts</c>; https). Check the notice with <see cref="CompletionCallbackSignature.Verify"/>.
    /// </summary>
    public Uri? CallbackUrl { get; init; }
}
