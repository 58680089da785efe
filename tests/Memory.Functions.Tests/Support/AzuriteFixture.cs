namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>One Azurite for a test class; each test takes its own task hub in it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    internal AzuriteServer? Server { get; private set; }

    /// <summary>Azurite's connection string; skips (outside CI) or fails (in CI) the calling test when Azurite is missing.</summary>
    internal string ConnectionString
    {
        get
        {
            AzuriteServer.Require(Server);
            return Server!.ConnectionString;
        }
    }

    public async Task InitializeAsync() => Server = await AzuriteServer.TryStartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
