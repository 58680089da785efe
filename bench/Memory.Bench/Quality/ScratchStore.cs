using MemoryFunctions.Local;

namespace MemoryFunctions.Bench.Quality;

/// <summary>A local store in a temporary directory, deleted with it.</summary>
internal sealed class ScratchStore : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "memory-quality-" + Guid.NewGuid().ToString("N"));
    private readonly LocalStorageEngine _engine;

    public ScratchStore()
    {
        _engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _directory });
        Store = new LocalMemoryStore(_engine);
        Operations = new LocalOperationStore(_engine);
    }

    public LocalMemoryStore Store { get; }

    public LocalOperationStore Operations { get; }

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
