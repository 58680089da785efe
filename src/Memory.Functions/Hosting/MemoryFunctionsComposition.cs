using MemoryFunctions.Core;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Cosmos;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Callbacks;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

namespace MemoryFunctions.Functions.Hosting;

/// <summary>
/// The app's composition, apart from <c>Program</c> so tests build the same container: the local server's services
/// with Cosmos DB and Azure OpenAI instead of the embedded defaults and the Durable runner instead of the in-process
/// one. Cosmos and model settings are validated at start-up (<c>ValidateOnStart</c>), naming the setting to fix.
/// </summary>
public static class MemoryFunctionsComposition
{
    public static FunctionsApplicationBuilder AddMemoryFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ProblemDetailsMiddleware>();
        builder.UseMiddleware<ForeignOriginWorkerMiddleware>();

        // Models before AddLlmIngestion (it needs the chat client).
        builder.Services
            .AddMemoryCore()
            .AddMemoryHttp()
            .AddCosmosMemoryStore()
            .AddMemoryStoreTelemetry()
            .AddOpenAIModels(builder.Configuration)
            .AddLlmIngestion()
            .AddMemoryIngestion()
            .AddDurableIngestion()
            .AddCompletionCallbackSender();
        // One Durable task hub for every tenant: a queue and a users quota per tenant unless Memory:Quotas sets them
        // (docs/functions.md, "Admission quotas").
        TenantQuotaDefaults.Functions.ApplyTo(builder.Services);
        // The server can run without models (embedded defaults); this host cannot: decisions need the chat model and the
        // Cosmos store needs vectors, so both deployments are required here, checked with the other settings at start-up.
        builder.Services.AddOptions<OpenAIModelOptions>()
            .Validate(options => !string.IsNullOrWhiteSpace(options.ChatModel), "Memory:OpenAI:ChatModel is required on the Functions host: set it to the chat deployment name.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.EmbeddingModel), "Memory:OpenAI:EmbeddingModel is required on the Functions host: set it to the embedding deployment name.")
            .ValidateOnStart();
        // Triggers are anonymous at the platform and every handler checks its caller in the worker (docs/security.md); with
        // nothing to check against, the app would serve every tenant to anyone who finds its URL.
        builder.Services.AddOptions<MemoryAuthOptions>()
            .Validate(
                options => options.IsConfigured || options.AllowOpen,
                "Memory:Auth has no keys and no Entra ID on the Functions host, whose triggers are anonymous at the platform: set Memory:Auth:Entra:Authority and Audiences "
                + "(azd env set MEMORY_ENTRA_CLIENT_ID <app-id>), or scoped keys in Memory:Auth:Keys; Memory:Auth:AllowOpen=true only for a local Core Tools run.")
            .ValidateOnStart();
        builder.AddMemoryTelemetry();
        return builder;
    }
}
