using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>Builders shared by the conformance tests.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    protected async Task<(IMemoryStore Store, MemoryPartition Partition)> StartAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var store = await CreateStoreAsync();
        return (store, new MemoryPartition("conformance-" + Guid.NewGuid().ToString("N")[..12], "user-" + Guid.NewGuid().ToString("N")[..8]));
    }

    protected MemoryRecord Memory(
        MemoryPartition partition,
        string text,
        MemoryKind kind = MemoryKind.Fact,
        DateTimeOffset? createdAt = null,
        float[]? vector = null,
        string? agentId = null,
        string? sessionId = null,
        IReadOnlyList<string>? tags = null,
        Dictionary<string, MetadataValue>? metadata = null,
        DateTimeOffset? validTo = null,
        DateTimeOffset? expiresAt = null)
    {
        var created = createdAt ?? Now;
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, agentId, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            AgentId = agentId,
            SessionId = sessionId,
            Kind = kind,
            Text = text,
            Embedding = vector ?? Vector(1),
            Metadata = metadata ?? [],
            Tags = tags ?? [],
            ContentHash = MemoryIds.ContentHash(text),
            Provenance = new Provenance("op-1", ["msg-1", "msg-2"]),
            CreatedAt = created,
            UpdatedAt = created,
            ValidFrom = created,
            ValidTo = validTo,
            SupersededBy = validTo is null ? null : "mem_newer",
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>A unit vector of <see cref="Dimensions"/> components, pointing along the given leading components.</summary>
    protected float[] Vector(params float[] head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var vector = new float[Dimensions];
        head.AsSpan(0, Math.Min(head.Length, Dimensions)).CopyTo(vector);
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : vector.Select(x => x / norm).ToArray();
    }

    protected static HistoryEvent Added(MemoryRecord memory) =>
        HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "conformance");

    protected static HistoryEvent Updated(MemoryRecord memory, string before, DateTimeOffset? at = null) =>
        HistoryEvents.For(memory, HistoryOperation.Update, before, memory.Text, at ?? memory.UpdatedAt.AddSeconds(1), "conformance");

    protected static HistoryEvent Deleted(MemoryRecord memory) =>
        HistoryEvents.For(memory, HistoryOperation.Delete, memory.Text, null, memory.UpdatedAt.AddMinutes(5), "conformance");

    protected static MemoryFilter Filter(DateTimeOffset? at = null) => new() { At = at ?? Now.AddMinutes(30) };

    protected static async Task AddAllAsync(IMemoryStore store, MemoryPartition partition, params MemoryRecord[] memories)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var memory in memories)
        {
            Assert.Equal(WriteStatus.Written, (await store.AddAsync(partition, memory, Added(memory))).Status);
        }
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static void AssertSameContent(MemoryRecord expected, MemoryRecord actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.AgentId, actual.AgentId);
        Assert.Equal(expected.SessionId, actual.SessionId);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Embedding, actual.Embedding);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Confidence, actual.Confidence);
        Assert.Equal(expected.Importance, actual.Importance);
        Assert.Equal(expected.ContentHash, actual.ContentHash);
        Assert.Equal(expected.Provenance.OperationId, actual.Provenance.OperationId);
        Assert.Equal(expected.Provenance.MessageIds, actual.Provenance.MessageIds);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.ValidFrom, actual.ValidFrom);
        Assert.Equal(expected.ValidTo, actual.ValidTo);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
    }
}
