using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemoryFunctions.Local.Tests.Workflow;

public sealed class LocalIngestionServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLocalIngestion_Empty_RegistersRunnerStepsServiceAndLocalDecisions()
    {
        var services = new ServiceCollection().AddLocalIngestion();

        Assert.Equal(typeof(RuleBasedFactExtractor), Single<IFactExtractor>(services).ImplementationType);
        Assert.Equal(typeof(SimilarityReconciler), Single<IMemoryReconciler>(services).ImplementationType);
        Assert.Equal(typeof(ExtractiveSummarizer), Single<ISummarizer>(services).ImplementationType);
        Assert.NotNull(Single<IWorkflowStarter>(services).ImplementationFactory);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(LocalWorkflowRunner));
        Assert.Single(services, d => d.ServiceType == typeof(IngestionSteps));
        Assert.Single(services, d => d.ServiceType == typeof(IngestionService));
    }

    [Fact]
    public void AddLocalIngestion_DecisionsRegisteredBefore_TheyWin()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IFactExtractor, FakeFactExtractor>();
        services.AddSingleton<IMemoryReconciler, FakeMemoryReconciler>();

        services.AddLocalIngestion().AddLocalIngestion();

        Assert.Equal(typeof(FakeFactExtractor), Single<IFactExtractor>(services).ImplementationType);
        Assert.Equal(typeof(FakeMemoryReconciler), Single<IMemoryReconciler>(services).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    private static ServiceDescriptor Single<T>(IServiceCollection services) => Assert.Single(services, d => d.ServiceType == typeof(T));
}
