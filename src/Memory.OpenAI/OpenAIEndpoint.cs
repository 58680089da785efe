namespace MemoryFunctions.OpenAI;

/// <summary>Turns the configured endpoint into the base URL the OpenAI SDK appends <c>chat/completions</c> and <c>embeddings</c> to.</summary>
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

        // Azure OpenAI's v1 API lives under /openai/v1/ and needs no api-version; people paste the bare resource endpoint.
        var path = uri.AbsolutePath.TrimEnd('/');
        if (isAzure && path.Length == 0)
        {
            path = "/openai/v1";
        }

        return new UriBuilder(uri) { Path = path }.Uri;
    }

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
