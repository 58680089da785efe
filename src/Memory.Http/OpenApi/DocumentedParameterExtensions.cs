using Microsoft.AspNetCore.Builder;

namespace MemoryFunctions.Http.OpenApi;

/// <summary>Declares on a route the query parameters and headers its handler reads (see <see cref="DocumentedParameter"/>).</summary>
public static class DocumentedParameterExtensions
{
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, string name, string type, string description, bool required = false, bool repeated = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedParameter(name, DocumentedParameterLocation.Query, type, required, description, repeated));

    public static TBuilder WithHeader<TBuilder>(this TBuilder builder, string name, string description, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedParameter(name, DocumentedParameterLocation.Header, "string", required, description));
}
