using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Core;

public static class MemoryCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the memory service, ranking and the audit of admin actions. A store (<c>AddLocalMemoryStore</c>,
    /// <c>AddCosmosMemoryStore</c>, each bringing its <see cref="IAuditLog"/>) and an
    /// embedding generator must be added too; registrations use TryAdd so hosts and tests can override them.
    /// </summary>
    public static IServiceCollection AddMemoryCore(this IServiceCollection services)
    {
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HybridRanker>();
        services.TryAddSingleton<ConversationParticipants>();
        services.TryAddSingleton<MemoryService>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AdminAudit>();
        return services;
    }
}
