using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Core.Diagnostics;

public static class MemoryStoreTelemetryExtensions
{
    /// <summary>
    /// Wraps the registered <see cref="IMemoryStore"/> (call after <c>AddLocalMemoryStore</c> or <c>AddCosmosMemoryStore</c>)
    /// so every store call is timed and traced.
    /// </summary>
    public static IServiceCollection AddMemoryStoreTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IMemoryStore) && !descriptor.IsKeyedService)
            ?? throw new InvalidOperationException("Register a memory store (AddLocalMemoryStore or AddCosmosMemoryStore) before AddMemoryStoreTelemetry.");
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(IMemoryStore),
            provider => new InstrumentedMemoryStore(Resolve(provider, registered), provider.GetRequiredService<TimeProvider>()),
            registered.Lifetime));
        return services;
    }

    private static IMemoryStore Resolve(IServiceProvider provider, ServiceDescriptor registered) => (IMemoryStore)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}
