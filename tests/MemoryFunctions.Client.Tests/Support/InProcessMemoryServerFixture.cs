using MemoryFunctions.Testing.Client;

namespace MemoryFunctions.Client.Tests;

/// <summary>One in-process server per test class; every test uses its own user id.</summary>
public sealed class InProcessMemoryServerFixture : IDisposable
{
    public InProcessMemoryServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}
