using MemoryFunctions.Core.Operations;
using MemoryFunctions.Testing.Conformance;

namespace MemoryFunctions.Local.Tests.Conformance;

/// <summary>The shared IOperationStore suite on the embedded store, on real files: the same suite the Cosmos store must pass.</summary>
public sealed class LocalOperationStoreConformanceTests : OperationStoreConformanceTests, IDisposable
{
    private readonly StoreHarness _harness = new();

    protected override Task<IOperationStore> CreateStoreAsync() => Task.FromResult<IOperationStore>(_harness.Operations);

    // xunit 2 disposes test classes through IDisposable only.
    public void Dispose() => _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
