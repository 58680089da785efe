using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.OpenAI;

/// <summary>Settings under <c>Memory:OpenAI</c> (environment: <c>Memory__OpenAI__ChatModel</c> etc.).</summary>
public sealed class OpenAIModelOptions
{
    public const string SectionName = "Memory:OpenAI";

    /// <summary>
    /// An Azure OpenAI / AI Foundry resource endpoint (<c>https://name.openai.azure.com</c>; <c>/openai/v1/</c> is appended),
    /// any OpenAI-compatible base URL (<c>http://localhost:11434/v1</c>), or empty for api.openai.com.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Optional. Without it an Azure endpoint uses Microsoft Entra ID, another endpoint sends no credentials.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Overrides the authentication chosen from <see cref="ApiKey"/> and <see cref="Endpoint"/>.</summary>
    public OpenAIAuthMode? AuthMode { get; set; }

    /// <summary>Chat model (OpenAI) or deployment (Azure) name. Empty: no chat client is registered, the local rules stay.</summary>
    public string? ChatModel { get; set; }

    /// <summary>Embedding model or deployment name. Empty: no embedding generator is registered, the local embedder stays.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// Vector size. When set it is also sent as the <c>dimensions</c> request parameter (text-embedding-3-* shorten their
    /// vectors); when empty it is inferred for well-known OpenAI models and required otherwise.
    /// </summary>
    [Range(1, 16_384)]
    public int? EmbeddingDimensions { get; set; }

    /// <summary>
    /// Sampling temperature sent with every chat request. Empty (the default): none is sent, so the model's default applies;
    /// reasoning models (gpt-5-mini, o-series) reject any other value.
    /// </summary>
    [Range(0f, 2f)]
    public float? Temperature { get; set; }

    /// <summary>Per-attempt network timeout.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of transient failures (408, 429, 5xx, timeouts) with exponential back-off honouring Retry-After.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;
}
