using System.ClientModel;
using MemoryFunctions.Core.Llm;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// Turns SDK and transport failures into <see cref="ModelCallException"/>s that say which setting to check. By the time
/// one arrives here the SDK's retry policy has already retried whatever was transient.
/// </summary>
internal static class ModelErrors
{
    private const int MaxServerMessageLength = 300;

    public static ModelCallException? Translate(Exception exception, string operation, string modelSetting, string model, OpenAIModelOptions options, CancellationToken cancellationToken) =>
        exception switch
        {
            ClientResultException { Status: 0 } ex => new(
                $"{operation}: could not reach the model endpoint ({ex.Message}). Check Memory:OpenAI:Endpoint and that the server is running.",
                statusCode: null, isTransient: true, ex)
            { Remedy = "could not reach the model endpoint; check Memory:OpenAI:Endpoint and that the server is running." },
            ClientResultException ex => new(
                $"{operation} with {modelSetting} '{model}' failed with HTTP {ex.Status}: {Hint(ex.Status, modelSetting)}{ServerMessage(ex)}",
                ex.Status, IsTransient(ex.Status), ex)
            { Remedy = $"HTTP {ex.Status}: {Hint(ex.Status, modelSetting)}" },
            OperationCanceledException ex when !cancellationToken.IsCancellationRequested => new(
                $"{operation} with {modelSetting} '{model}' timed out after {options.TimeoutSeconds} s per attempt and {options.MaxRetries} retries. "
                + "Raise Memory:OpenAI:TimeoutSeconds for slow local models.",
                statusCode: null, isTransient: true, ex)
            { Remedy = "the model call timed out; raise Memory:OpenAI:TimeoutSeconds for slow local models." },
            HttpRequestException ex => new(
                $"{operation}: could not reach the model endpoint ({ex.Message}). Check Memory:OpenAI:Endpoint.",
                statusCode: null, isTransient: true, ex)
            { Remedy = "could not reach the model endpoint; check Memory:OpenAI:Endpoint." },
            _ => null,
        };

    private static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    private static string Hint(int status, string modelSetting) => status switch
    {
        400 => $"the request was rejected; check that {modelSetting} supports this request (JSON-schema structured output for chat, "
            + "the dimensions parameter for embeddings — clear Memory:OpenAI:EmbeddingDimensions for models without it).",
        401 => "authentication failed; check Memory:OpenAI:ApiKey, or for Microsoft Entra ID that a credential is available (az login locally, managed identity in Azure).",
        403 => "access denied; grant the identity the 'Cognitive Services OpenAI User' role on the resource, or check the resource's network rules.",
        404 => $"not found; check {modelSetting} is a deployment name (Azure OpenAI) or model name (OpenAI, Ollama) that exists at Memory:OpenAI:Endpoint.",
        408 or 429 => "the service kept throttling or timing out after all retries (Memory:OpenAI:MaxRetries); raise the deployment's quota or retry later.",
        >= 500 => "the service kept failing after all retries (Memory:OpenAI:MaxRetries); retry later.",
        _ => "unexpected status.",
    };

    private static string ServerMessage(ClientResultException exception)
    {
        var content = exception.GetRawResponse()?.Content?.ToString();
        if (string.IsNullOrWhiteSpace(content))
        {
            return string.Empty;
        }

        content = content.ReplaceLineEndings(" ");
        return " Server said: " + (content.Length <= MaxServerMessageLength ? content : content[..MaxServerMessageLength] + "...");
    }
}
