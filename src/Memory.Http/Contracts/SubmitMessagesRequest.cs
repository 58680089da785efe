using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// Body of <c>POST /api/users/{userId}/messages</c>. The turns have the same shape as in a conversation event, and are
/// validated by the same rules, so an agent can switch between HTTP and Event Grid without reshaping anything.
/// </summary>
public sealed record SubmitMessagesRequest
{
    public IReadOnlyList<ConversationEventMessage?>? Messages { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; init; }

    /// <summary>
    /// Optional: an https URL on a host listed in <c>Memory:Callbacks:AllowedHosts</c>, POSTed a signed JSON body when the
    /// operation ends (local server only; docs/api.md, "Completion callbacks").
    /// </summary>
    public string? CallbackUrl { get; init; }
}
