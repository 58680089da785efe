using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Conformance;

namespace MemoryFunctions.Local.Tests.Conformance;

/// <summary>The shared IMemoryStore suite on the embedded store, on real files: the same suite the Cosmos store must pass.</summary>
public sealed class LocalMemoryStoreConformanceTests : MemoryStoreConformanceTests, IDisposable
{
    private readonly StoreHarness _harness = new();

    protected override Task<IMemoryStore> CreateStoreAsync() => Task.FromResult<IMemoryStore>(_harness.Memories);

    // xunit 2 disposes test classes through IDisposable only.
    public void Dispose() => _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
