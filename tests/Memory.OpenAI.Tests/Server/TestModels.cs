using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests.Server;

/// <summary>Builds a service provider the way a host would: configuration → AddOpenAIModels → AddLlmIngestion.</summary>
public static class TestModels
{
    public const string ApiKey = "test-key-123";

    public static Dictionary<string, string?> Settings(ScriptedModelServer server, string? chatModel = "gpt-4o-mini", string? embeddingModel = null) => new()
    {
        ["Memory:OpenAI:Endpoint"] = server.V1.ToString(),
        ["Memory:OpenAI:ApiKey"] = ApiKey,
        ["Memory:OpenAI:ChatModel"] = chatModel,
        ["Memory:OpenAI:EmbeddingModel"] = embeddingModel,
        ["Memory:OpenAI:MaxRetries"] = "2",
        ["Memory:OpenAI:TimeoutSeconds"] = "10",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        configure?.Invoke(services);
        services.AddOpenAIModels(configuration);
        services.AddLlmIngestion();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
