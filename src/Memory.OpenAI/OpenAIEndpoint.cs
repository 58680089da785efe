namespace MemoryFunctions.OpenAI;

/// <summary>
/// Turns the configured endpoint into a base URL: an Azure resource endpoint as is (AzureOpenAIClient adds the deployment
/// routes and api-version), any other URL (an OpenAI-compatible server, or Azure's <c>/openai/v1/</c>) as the base the
/// OpenAI SDK appends <c>chat/completions</c> and <c>embeddings</c> to.
/// </summary>
internal static class OpenAIEndpoint
{
    private static readonly string[] AzureHostSuffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

    /// <summary>Null for api.openai.com (the SDK's default).</summary>
    public static Uri? Resolve(string? endpoint, out bool isAzure)
    {
        isAzure = false;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException($"Memory:OpenAI:Endpoint '{endpoint}' is not an absolute http(s) URL.");
        }

        isAzure = AzureHostSuffixes.Any(suffix => uri.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        return new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') }.Uri;
    }

    /// <summary>A bare Azure resource endpoint (no path), which <c>AzureOpenAIClient</c> serves.</summary>
    public static bool IsAzureResource(Uri? endpoint, bool isAzure) => isAzure && endpoint is { AbsolutePath: "/" };

    public static bool IsAzure(string? endpoint)
    {
        try
        {
            Resolve(endpoint, out var isAzure);
            return isAzure;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
