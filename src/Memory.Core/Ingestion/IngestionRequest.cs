using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// Conversation turns handed over by an agent, with the scope and metadata the resulting memories carry, and where to
/// report the operation's end (the optional callback URL: the caller's data, kept with the operation, so it goes with
/// the user on erase).
/// </summary>
public sealed record IngestionRequest(
    IReadOnlyList<ConversationMessage> Messages,
    string? AgentId = null,
    string? SessionId = null,
    IReadOnlyDictionary<string, MetadataValue>? Metadata = null,
    string? CallbackUrl = null);
