using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local;

public static class LocalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded file-backed store as <see cref="IMemoryStore"/>, <see cref="IOperationStore"/>, <see cref="ICallbackBacklog"/>, <see cref="IAuditLog"/>, <see cref="ITenantUsage"/> and <see cref="ITenantUsers"/> (singletons
    /// sharing one <see cref="LocalStorageEngine"/>), configured from <c>Memory:Local</c> (<see cref="LocalStoreOptions"/>).
    /// The store is recovered while the host starts, checked against the registered embedder's dimensions, and flushed
    /// and closed when the service provider is disposed. Uses TryAdd, so an earlier registration wins.
    /// </summary>
    public static IServiceCollection AddLocalMemoryStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LocalStoreOptions>().BindConfiguration(LocalStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => LocalStorageEngine.Open(
            provider.GetRequiredService<IOptions<LocalStoreOptions>>().Value,
            provider.GetRequiredService<IOptions<AuditOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<LocalStorageEngine>>()));
        services.TryAddSingleton<LocalMemoryStore>();
        services.TryAddSingleton<LocalOperationStore>();
        services.TryAddSingleton<IMemoryStore>(provider => provider.GetRequiredService<LocalMemoryStore>());
        services.TryAddSingleton<IOperationStore>(provider => provider.GetRequiredService<LocalOperationStore>());
        services.TryAddSingleton<ICallbackBacklog>(provider => provider.GetRequiredService<LocalOperationStore>());
        services.TryAddSingleton<ITenantUsage>(provider => new LocalTenantUsage(provider.GetRequiredService<LocalStorageEngine>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<ITenantUsers, LocalTenantUsers>();
        services.TryAddSingleton<IAuditLog, LocalAuditLog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalStoreStartupCheck>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="HashingEmbedder"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, sized by
    /// <c>Memory:Embeddings:Dimensions</c> (default 384). Lexical, not semantic: for local runs and tests only.
    /// </summary>
    public static IServiceCollection AddHashingEmbedder(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HashingEmbedderOptions>().BindConfiguration(HashingEmbedderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashingEmbedder>();
        return services;
    }
}
