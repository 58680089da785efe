using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemoryFunctions.Cosmos.Tests;

public sealed class CosmosMemoryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCosmosMemoryStore_Empty_RegistersBothStoresAndInitializer()
    {
        var services = new ServiceCollection().AddCosmosMemoryStore();

        Assert.Equal(typeof(CosmosMemoryStore), services.Single(d => d.ServiceType == typeof(IMemoryStore)).ImplementationType);
        Assert.Equal(typeof(CosmosOperationStore), services.Single(d => d.ServiceType == typeof(IOperationStore)).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.All(services.Where(d => d.ServiceType == typeof(IMemoryStore) || d.ServiceType == typeof(CosmosMemoryContainer)), d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    [Fact]
    public void AddCosmosMemoryStore_StoreAlreadyRegistered_KeepsExisting()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMemoryStore, InMemoryMemoryStore>();

        services.AddCosmosMemoryStore();

        Assert.Equal(typeof(InMemoryMemoryStore), Assert.Single(services, d => d.ServiceType == typeof(IMemoryStore)).ImplementationType);
    }
}
