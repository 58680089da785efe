using Microsoft.Extensions.Options;

namespace MemoryFunctions.OpenAI;

/// <summary>Start-up checks that name the setting and the fix, so a bad configuration never reaches a model call.</summary>
internal sealed class OpenAIModelOptionsValidator : IValidateOptions<OpenAIModelOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIModelOptions options)
    {
        var failures = new List<string>();
        try
        {
            OpenAIEndpoint.Resolve(options.Endpoint, out _);
        }
        catch (FormatException ex)
        {
            failures.Add(ex.Message);
        }

        if (!string.IsNullOrWhiteSpace(options.ChatModel) || !string.IsNullOrWhiteSpace(options.EmbeddingModel))
        {
            var mode = OpenAIConnection.ResolveAuthMode(options);
            if (mode == OpenAIAuthMode.ApiKey && string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add(string.IsNullOrWhiteSpace(options.Endpoint)
                    ? "Memory:OpenAI:ApiKey is required for api.openai.com (or set Memory:OpenAI:Endpoint to an Azure OpenAI or local server)."
                    : "Memory:OpenAI:AuthMode is ApiKey but Memory:OpenAI:ApiKey is empty.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.EmbeddingModel) && OpenAIConnection.EmbeddingDimensionsOf(options) is null)
        {
            failures.Add($"Memory:OpenAI:EmbeddingDimensions is required for embedding model '{options.EmbeddingModel}': set it to the "
                + "model's vector size (e.g. 1536 for text-embedding-3-small); the store checks it against stored vectors at start-up.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
