namespace MemoryFunctions.Http.Auth;

/// <summary>
/// The key a host took out of the <c>code</c> query parameter before anything could log the URL (see
/// <see cref="ApiKeyQueryRedactor"/>). <see cref="ApiKeyValidator"/> reads it exactly as it would read the parameter.
/// </summary>
public sealed class PresentedApiKeyFeature(string key)
{
    public string Key { get; } = key;
}
