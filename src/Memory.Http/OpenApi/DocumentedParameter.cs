namespace MemoryFunctions.Http.OpenApi;

/// <summary>
/// Endpoint metadata for a query parameter or header that a handler reads itself (handlers take <c>HttpRequest</c>, so
/// ASP.NET Core cannot infer them): the OpenAPI document describes each one from this, next to the route that reads it.
/// </summary>
public sealed record DocumentedParameter(string Name, DocumentedParameterLocation In, string Type, bool Required, string Description, bool Repeated = false);
