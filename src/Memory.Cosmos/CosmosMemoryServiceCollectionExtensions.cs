using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos;

public static class CosmosMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Stores memories, history and operations in Cosmos DB for NoSQL, configured from <c>Memory:Cosmos</c>
    /// (see docs/cosmos.md). Registers <see cref="IMemoryStore"/>, <see cref="IOperationStore"/>, <see cref="IAuditLog"/> and <see cref="ITenantUsage"/> with TryAdd, one
    /// <c>CosmosClient</c> singleton, options validated at start-up, and a hosted service that creates or checks the container and the embedding model that made its vectors.
    /// </summary>
    public static IServiceCollection AddCosmosMemoryStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => ContainerDefinition.Load());
        services.AddOptions<CosmosMemoryOptions>().BindConfiguration(CosmosMemoryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosMemoryOptions>, CosmosMemoryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosMemoryOptions>>().Value;
            var settings = CosmosStoreSettings.From(options, sp.GetRequiredService<ContainerDefinition>());
            return new CosmosMemoryContainer(CosmosClientFactory.Create(options), settings);
        });
        services.TryAddSingleton<IMemoryStore, CosmosMemoryStore>();
        services.TryAddSingleton<IOperationStore, CosmosOperationStore>();
        services.TryAddSingleton<IAuditLog, CosmosAuditLog>();
        services.TryAddSingleton<ITenantUsage, CosmosTenantUsage>();
        services.TryAddSingleton<ITenantUsers, CosmosTenantUsers>();
        services.AddHostedService(sp => new CosmosContainerInitializer(
            sp.GetRequiredService<CosmosMemoryContainer>(),
            sp.GetRequiredService<ContainerDefinition>(),
            sp.GetRequiredService<ILogger<CosmosContainerInitializer>>())
        {
            ShouldCreate = sp.GetRequiredService<IOptions<CosmosMemoryOptions>>().Value.CreateIfNotExists,
            Embedder = sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        });
        return services;
    }
}
