using Xunit;

namespace MemoryFunctions.Testing.ModelServer;

/// <summary>One scripted server per test class (xunit runs a class's tests one at a time, classes in parallel).</summary>
public sealed class ModelServerFixture : IAsyncLifetime
{
    public ScriptedModelServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
