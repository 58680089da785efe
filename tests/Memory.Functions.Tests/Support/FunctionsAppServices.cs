using MemoryFunctions.Core;
using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Testing.Fakes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The services the Functions app's orchestrator and activities run with in these tests, whatever the Durable backend: the
/// embedded store in <c>dataDirectory</c>, the model-free extractor, reconciler and summarizer, and the worker's serializer
/// for every payload. <c>configure</c> runs before the defaults, so a test can put a failing decorator in front of them.
/// </summary>
internal static class FunctionsAppServices
{
    public static void Add(IServiceCollection services, string dataDirectory, WorkerDataConverter converter, Action<IServiceCollection>? configure)
    {
        configure?.Invoke(services);
        services.AddMemoryCore().AddLocalMemoryStore().AddHashingEmbedder().AddMemoryIngestion();
        services.Configure<LocalStoreOptions>(options => options.DataDirectory = dataDirectory);
        services.AddOptions<SimilarityReconcilerOptions>();
        services.TryAddSingleton<IFactExtractor, RuleBasedFactExtractor>();
        services.TryAddSingleton<IMemoryReconciler, SimilarityReconciler>();
        services.TryAddSingleton<ISummarizer, ExtractiveSummarizer>();
        services.TryAddSingleton<ITokenCounter>(ApproximateTokenCounter.Instance);
        services.AddSingleton<DurableIngestion>();
        services.AddSingleton<InstanceSweep>();
        services.AddSingleton<FinishedHistoryPurge>();
        services.AddOptions<HistoryRetentionOptions>();

        // The handlers' dependencies, caller authentication included, as the app registers them.
        MemoryFunctions.Http.MemoryHttpServiceCollectionExtensions.AddMemoryHttp(services);
        MemoryFunctions.Http.Callbacks.CallbackServiceCollectionExtensions.AddCompletionCallbackSender(services);
        services.AddSingleton<MemoryFunctions.Functions.Http.UserHttpTriggers>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton(converter);
        services.ConfigureAll<DurableTaskWorkerOptions>(options => options.DataConverter = converter);
        services.ConfigureAll<DurableTaskClientOptions>(options => options.DataConverter = converter);
    }
}
