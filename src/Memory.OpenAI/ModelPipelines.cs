using MemoryFunctions.Core.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// The model clients as Microsoft.Extensions.AI pipelines: the library's OpenAI adapter at the bottom, our concerns as
/// decorators above it. Outermost first: logging (Debug without content, Trace with it), OpenTelemetry spans and
/// duration/token metrics on the project's source, error translation, then the request defaults.
/// </summary>
internal static class ModelPipelines
{
    /// <summary>The <c>AdditionalProperties</c> key Microsoft.Extensions.AI.OpenAI reads to send <c>"strict": true</c> with a JSON schema.</summary>
    internal const string StrictSchemaKey = "strict";

    public static IChatClient CreateChatClient(IServiceProvider services, string model)
    {
        var connection = services.GetRequiredService<OpenAIConnection>();
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("MemoryFunctions.OpenAI");
        Log.ModelConfigured(logger, "chat", model, connection.ProviderName, connection.Endpoint?.ToString() ?? "api.openai.com", connection.AuthMode);
        return connection.CreateChatClient(model)
            .AsBuilder()
            .UseLogging(loggerFactory)
            .UseOpenTelemetry(loggerFactory, MemoryTelemetry.Name)
            .Use(inner => new ModelErrorChatClient(inner, connection.Options, model, logger))
            .ConfigureOptions(options => ApplyDefaults(options, connection.Options))
            .Build(services);
    }

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(IServiceProvider services, string model)
    {
        var connection = services.GetRequiredService<OpenAIConnection>();
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("MemoryFunctions.OpenAI");
        Log.ModelConfigured(logger, "embeddings", model, connection.ProviderName, connection.Endpoint?.ToString() ?? "api.openai.com", connection.AuthMode);

        // Validation guarantees a size: configured (then also sent, to shorten text-embedding-3 vectors) or well known (then
        // not sent: models without the parameter reject it).
        var dimensions = OpenAIConnection.EmbeddingDimensionsOf(connection.Options)!.Value;
        return connection.CreateEmbeddingGenerator(model, connection.Options.EmbeddingDimensions)
            .AsBuilder()
            .UseLogging(loggerFactory)
            .UseOpenTelemetry(loggerFactory, MemoryTelemetry.Name)
            .Use(inner => new CheckedEmbeddingGenerator(inner, connection.Options, model, dimensions, logger))
            .Build(services);
    }

    private static void ApplyDefaults(ChatOptions options, OpenAIModelOptions settings)
    {
        // No temperature unless configured: reasoning models (gpt-5-mini, o-series) reject any value but their default.
        options.Temperature ??= settings.Temperature;

        // Strict: the service constrains decoding to the schema, so a schema-valid answer is guaranteed where supported.
        if (options.ResponseFormat is ChatResponseFormatJson { Schema: not null })
        {
            (options.AdditionalProperties ??= []).TryAdd(StrictSchemaKey, true);
        }
    }
}
