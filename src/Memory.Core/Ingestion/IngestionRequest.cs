using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Ingestion;

/// <summary>Conversation turns handed over by an agent, with the scope and metadata the resulting memories carry.</summary>
public sealed record IngestionRequest(
    IReadOnlyList<ConversationMessage> Messages,
    string? AgentId = null,
    string? SessionId = null,
    IReadOnlyDictionary<string, MetadataValue>? Metadata = null);
