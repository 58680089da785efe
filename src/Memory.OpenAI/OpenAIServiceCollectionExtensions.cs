using System.ClientModel.Primitives;
using MemoryFunctions.Core.Context;
using MemoryFunctions.OpenAI.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.OpenAI;

public static class OpenAIServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> when <c>Memory:OpenAI:ChatModel</c> is set and an
    /// <see cref="IEmbeddingGenerator{String, Embedding}"/> when <c>Memory:OpenAI:EmbeddingModel</c> is set, for Azure OpenAI,
    /// OpenAI or any OpenAI-compatible server. What is not configured is not registered, so the local defaults (added
    /// after this, with TryAdd) stay in place. Always registers the <see cref="ITokenCounter"/> for context budgets
    /// (<c>Memory:Tokens:Encoding</c>, default o200k_base). Call before <c>AddLlmIngestion()</c> and the local defaults.
    /// </summary>
    /// <param name="configuration">
    /// Where to read <c>Memory:OpenAI</c>. Optional: defaults to the <see cref="IConfiguration"/> instance the host builder
    /// registered; what to register must be decided now, before any service provider exists.
    /// </param>
    public static IServiceCollection AddOpenAIModels(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        configuration ??= HostConfiguration(services)
            ?? throw new InvalidOperationException(
                "AddOpenAIModels needs the configuration to decide what to register: call services.AddOpenAIModels(builder.Configuration).");

        var section = configuration.GetSection(OpenAIModelOptions.SectionName);
        services.AddOptions<OpenAIModelOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIModelOptions>, OpenAIModelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OpenAIConnection(
            sp.GetRequiredService<IOptions<OpenAIModelOptions>>(), sp.GetService<Azure.Core.TokenCredential>(), sp.GetService<PipelineTransport>()));

        // Budgets are counted in tokens of the OpenAI encodings whether or not a chat model is configured: the caller's model
        // reads the context block, and these encodings are what today's models use.
        services.AddOptions<TokenCountingOptions>().BindConfiguration(TokenCountingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITokenCounter, TiktokenTokenCounter>();

        if (section[nameof(OpenAIModelOptions.ChatModel)] is { Length: > 0 } chatModel)
        {
            services.TryAddSingleton(sp => ModelPipelines.CreateChatClient(sp, chatModel));
        }

        if (section[nameof(OpenAIModelOptions.EmbeddingModel)] is { Length: > 0 } embeddingModel)
        {
            services.TryAddSingleton(sp => ModelPipelines.CreateEmbeddingGenerator(sp, embeddingModel));
        }

        return services;
    }

    private static IConfiguration? HostConfiguration(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IConfiguration) && !d.IsKeyedService);
        if (descriptor?.ImplementationInstance is IConfiguration instance)
        {
            return instance;
        }

        // Host builders (HostApplicationBuilder, WebApplicationBuilder, HostBuilder) register their configuration as
        // `_ => configuration`: a factory that never touches the provider, so it can be read before any provider exists.
        try
        {
            return descriptor?.ImplementationFactory?.Invoke(NoServices.Instance) as IConfiguration;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class NoServices : IServiceProvider
    {
        public static NoServices Instance { get; } = new();

        public object? GetService(Type serviceType) =>
            throw new InvalidOperationException("The configuration factory needs services; pass the configuration to AddOpenAIModels.");
    }
}
