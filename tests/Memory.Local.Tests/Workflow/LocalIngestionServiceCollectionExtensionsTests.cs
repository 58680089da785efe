using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Configuration;
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
        Assert.All(WorkflowSteps.All, step => Assert.Single(services, d => d.ServiceType == step.HandlerType));
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

    [Fact]
    public void AddLocalIngestion_LocalComposition_ResolvesTheHandlerOfEveryStep()
    {
        var directory = Directory.CreateTempSubdirectory("memory-steps-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Memory:Local:DataDirectory"] = directory });
            builder.Services.AddLocalMemoryStore().AddHashingEmbedder().AddLocalIngestion();
            using var host = builder.Build();

            // The local runner dispatches every step through the table, so every handler must resolve from the host's container.
            Assert.All(WorkflowSteps.All, step => Assert.IsAssignableFrom(step.HandlerType, host.Services.GetRequiredService(step.HandlerType)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ServiceDescriptor Single<T>(IServiceCollection services) => Assert.Single(services, d => d.ServiceType == typeof(T));
}
