using MemoryFunctions.Core.Domain;
using Microsoft.AspNetCore.Builder;

namespace MemoryFunctions.Http.OpenApi;

/// <summary>The query string <see cref="Endpoints.QueryParser.ParseList"/> reads, declared for the OpenAPI document.</summary>
public static class ListQueryDocumentation
{
    public static RouteHandlerBuilder WithListMemoriesQuery(this RouteHandlerBuilder builder) =>
        builder
            .WithQuery("kind", "string", $"Only these kinds ({string.Join(", ", Enum.GetNames<MemoryKind>().Select(n => n.ToLowerInvariant()))}); repeat for several.", repeated: true)
            .WithQuery("agentId", "string", "Only memories of this agent.")
            .WithQuery("sessionId", "string", "Only memories of this session.")
            .WithQuery("tag", "string", "Only memories with every one of these tags; repeat for several.", repeated: true)
            .WithQuery("includeSuperseded", "boolean", "Include superseded and expired memories (default false).")
            .WithQuery("includeEmbedding", "boolean", "Include each memory's embedding vector (default false).")
            .WithQuery("asOf", "string", "What was true at this instant (ISO 8601), instead of now.")
            .WithQuery("pageSize", "integer", "Memories per page (default and maximum in docs/api.md).")
            .WithQuery("cursor", "string", "The previous page's nextCursor, unchanged.");
}
