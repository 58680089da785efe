using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// Endpoint, authentication and transport settings shared by the chat and embedding clients, which it creates as the
/// OpenAI SDK's clients wrapped by Microsoft.Extensions.AI.OpenAI (<c>AsIChatClient</c>, <c>AsIEmbeddingGenerator</c>).
/// A bare Azure resource endpoint goes through <see cref="AzureOpenAIClient"/> (deployment routes, api-version,
/// <c>api-key</c> header or Entra ID tokens); any other URL, Azure's <c>/openai/v1/</c> included, through the OpenAI SDK.
/// Transient failures are
/// retried by the SDK's own <see cref="ClientRetryPolicy"/> (408, 429, 500, 502, 503, 504 and network errors; exponential
/// back-off from 0.8 s; Retry-After / retry-after-ms honoured), configured with Memory:OpenAI:MaxRetries: it already sits
/// in the right place in the pipeline (per attempt, after authentication refresh) and never retries 400/401/403/404.
/// </summary>
internal sealed class OpenAIConnection
{
    /// <summary>The Entra ID scope for Azure OpenAI / Cognitive Services data-plane calls.</summary>
    public const string AzureScope = "https://cognitiveservices.azure.com/.default";

    private static readonly Dictionary<string, int> KnownDimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    private readonly OpenAIModelOptions _options;
    private readonly Lazy<TokenCredential> _credential;
    private readonly PipelineTransport? _transport;
    private readonly Lazy<AzureOpenAIClient> _azureClient;

    /// <param name="transport">
    /// Optional, from DI: a host may supply its own transport (proxy, custom HttpClient handler); tests use one that
    /// trusts the loopback server's self-signed certificate, since bearer tokens are only ever sent over TLS.
    /// </param>
    public OpenAIConnection(IOptions<OpenAIModelOptions> options, TokenCredential? credential = null, PipelineTransport? transport = null)
    {
        _transport = transport;
        _options = options.Value;
        Endpoint = OpenAIEndpoint.Resolve(_options.Endpoint, out var isAzure);
        IsAzure = isAzure;
        AuthMode = ResolveAuthMode(_options);

        // A host may register its own TokenCredential (e.g. a user-assigned managed identity); otherwise the default chain,
        // created once and shared by chat and embeddings so they share its token cache.
        _credential = new(() => credential ?? new DefaultAzureCredential());
        _azureClient = new(CreateAzureClient);
    }

    public Uri? Endpoint { get; }

    public bool IsAzure { get; }

    public OpenAIAuthMode AuthMode { get; }

    public string ProviderName => IsAzure ? "azure.openai" : "openai";

    public OpenAIModelOptions Options => _options;

    /// <summary>True when calls go through <see cref="AzureOpenAIClient"/>; it always authenticates, so a keyless local mode never does.</summary>
    public bool UsesAzureClient => OpenAIEndpoint.IsAzureResource(Endpoint, IsAzure) && AuthMode != OpenAIAuthMode.None;

    public static OpenAIAuthMode ResolveAuthMode(OpenAIModelOptions options) =>
        options.AuthMode
        ?? (!string.IsNullOrWhiteSpace(options.ApiKey) ? OpenAIAuthMode.ApiKey
            : OpenAIEndpoint.IsAzure(options.Endpoint) ? OpenAIAuthMode.EntraId
            : string.IsNullOrWhiteSpace(options.Endpoint) ? OpenAIAuthMode.ApiKey
            : OpenAIAuthMode.None);

    public static int? EmbeddingDimensionsOf(OpenAIModelOptions options) =>
        options.EmbeddingDimensions
        ?? (options.EmbeddingModel is { } model && KnownDimensions.TryGetValue(model.Trim(), out var dimensions) ? dimensions : null);

    public IChatClient CreateChatClient(string model) =>
        (UsesAzureClient ? _azureClient.Value.GetChatClient(model) : CreateOpenAIChatClient(model)).AsIChatClient();

    /// <param name="dimensions">Sent as the <c>dimensions</c> request parameter when set; models without it reject it.</param>
    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model, int? dimensions) =>
        (UsesAzureClient ? _azureClient.Value.GetEmbeddingClient(model) : CreateOpenAIEmbeddingClient(model)).AsIEmbeddingGenerator(dimensions);

    // OPENAI001: the AuthenticationPolicy constructors are marked experimental, yet they are the SDK's documented way to use
    // Entra ID tokens (BearerTokenPolicy) against Azure OpenAI's v1 endpoint; the API-key path uses the stable constructors.
#pragma warning disable OPENAI001
    private ChatClient CreateOpenAIChatClient(string model) => AuthMode == OpenAIAuthMode.ApiKey
        ? new ChatClient(model, new ApiKeyCredential(_options.ApiKey!), Configure(new OpenAIClientOptions()))
        : new ChatClient(model, CreateAuthenticationPolicy(), Configure(new OpenAIClientOptions()));

    private EmbeddingClient CreateOpenAIEmbeddingClient(string model) => AuthMode == OpenAIAuthMode.ApiKey
        ? new EmbeddingClient(model, new ApiKeyCredential(_options.ApiKey!), Configure(new OpenAIClientOptions()))
        : new EmbeddingClient(model, CreateAuthenticationPolicy(), Configure(new OpenAIClientOptions()));
#pragma warning restore OPENAI001

    private AzureOpenAIClient CreateAzureClient()
    {
        var options = Configure(new AzureOpenAIClientOptions());
        return AuthMode == OpenAIAuthMode.ApiKey
            ? new AzureOpenAIClient(Endpoint, new ApiKeyCredential(_options.ApiKey!), options)
            : new AzureOpenAIClient(Endpoint, _credential.Value, options);
    }

    private AuthenticationPolicy CreateAuthenticationPolicy() => AuthMode == OpenAIAuthMode.EntraId
        ? new BearerTokenPolicy(_credential.Value, AzureScope)
        : new NoAuthenticationPolicy();

    private T Configure<T>(T options)
        where T : ClientPipelineOptions
    {
        options.RetryPolicy = new ClientRetryPolicy(_options.MaxRetries);
        options.NetworkTimeout = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        if (options is OpenAIClientOptions openAI && Endpoint is not null)
        {
            openAI.Endpoint = Endpoint;
        }

        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        return options;
    }
}
