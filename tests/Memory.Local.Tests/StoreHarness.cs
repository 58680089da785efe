using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Local.Tests;

/// <summary>An engine on a temp directory plus builders for records; <see cref="ReopenAsync"/> simulates a restart.</summary>
public sealed class StoreHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public StoreHarness(LocalStoreOptions? options = null)
    {
        Options = options ?? new LocalStoreOptions();
        Options.DataDirectory = _directory.Path;
        Engine = Open();
    }

    public LocalStoreOptions Options { get; }

    /// <summary>The store's clock, at <see cref="T0"/> until a test moves it: expiries relative to T0 never go off by the calendar.</summary>
    public ImmediateTimeProvider Clock { get; } = new(T0);

    public string DataDirectory => _directory.Path;

    public LocalStorageEngine Engine { get; private set; }

    public LocalMemoryStore Memories => new(Engine);

    public LocalOperationStore Operations => new(Engine);

    public async Task ReopenAsync()
    {
        await Engine.DisposeAsync();
        Engine = Open();
    }

    /// <summary>Closes the engine so tests can damage its files before <see cref="OpenAgain"/>.</summary>
    public async Task CloseAsync() => await Engine.DisposeAsync();

    public void OpenAgain(Microsoft.Extensions.Logging.ILogger<LocalStorageEngine>? logger = null) => Engine = Open(logger);

    private LocalStorageEngine Open(Microsoft.Extensions.Logging.ILogger<LocalStorageEngine>? logger = null) => LocalStorageEngine.Open(Options, new Core.Audit.AuditOptions(), Clock, logger);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        _directory.Dispose();
    }

    public static MemoryRecord Memory(MemoryPartition partition, string text, float[]? embedding = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = MemoryIds.ForMemory(partition, null, text),
        TenantId = partition.TenantId,
        UserId = partition.UserId,
        Text = text,
        Embedding = embedding ?? [1f, 0f, 0f, 0f],
        ContentHash = MemoryIds.ContentHash(text),
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
        ValidFrom = createdAt ?? T0,
    };

    /// <summary>
    /// The same stored memory: every field equal, the vector by value. Records hold their vector in an array, and the store
    /// hands every reader its own copy (the vectors live in one block per partition), so record equality alone compares
    /// array references.
    /// </summary>
    public static void AssertSameMemory(MemoryRecord? expected, MemoryRecord? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Embedding, actual.Embedding);
        Assert.Equal(expected, actual with { Embedding = expected.Embedding });
    }

    public static HistoryEvent Added(MemoryRecord memory) => HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "test");

    public static HistoryEvent Event(MemoryRecord memory, HistoryOperation operation, DateTimeOffset at) =>
        HistoryEvents.For(memory, operation, memory.Text, operation == HistoryOperation.Delete ? null : memory.Text, at, "test");

    public static MemoryOperation Operation(MemoryPartition partition, string id, string message = "I like green tea") => new()
    {
        Id = id,
        TenantId = partition.TenantId,
        UserId = partition.UserId,
        Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, message, T0)]),
        CreatedAt = T0,
        UpdatedAt = T0,
    };
}
