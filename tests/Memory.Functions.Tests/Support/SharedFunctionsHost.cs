namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>One <see cref="DurableFunctionsHost"/> for a test class whose tests each use their own users.</summary>
public sealed class SharedFunctionsHost : IAsyncLifetime
{
    private DurableFunctionsHost? _host;

    internal DurableFunctionsHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await DurableFunctionsHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
