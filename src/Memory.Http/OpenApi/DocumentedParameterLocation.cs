namespace MemoryFunctions.Http.OpenApi;

/// <summary>Where a <see cref="DocumentedParameter"/> travels.</summary>
public enum DocumentedParameterLocation
{
    Query,
    Header,
}
