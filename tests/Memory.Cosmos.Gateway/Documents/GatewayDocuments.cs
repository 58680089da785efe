using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>
/// The container's documents per logical partition, keyed by the partition key as JSON (<c>["tenant","user"]</c>), with each
/// partition's stored bytes for the 20 GB limit. One lock: the gateway serialises writes like one replica would.
/// </summary>
public sealed class GatewayDocuments
{
    private readonly Dictionary<string, LogicalPartition> _partitions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly Func<int?> _defaultTtl;
    private long _sequence;

    internal GatewayDocuments(TimeProvider clock, Func<int?> defaultTtl)
    {
        _clock = clock;
        _defaultTtl = defaultTtl;
    }

    internal object Sync { get; } = new();

    /// <summary>Every visible document of every partition.</summary>
    public int Count
    {
        get
        {
            lock (Sync)
            {
                return Scan(null).Count();
            }
        }
    }

    /// <summary>The ids of a partition's visible documents, in insertion order.</summary>
    public IReadOnlyList<string> Ids(string partitionKey)
    {
        lock (Sync)
        {
            return Scan(Normalize(partitionKey)).Select(entry => entry.Document.Id).ToList();
        }
    }

    /// <summary>A copy of a stored document, or null.</summary>
    public JsonObject? Find(string partitionKey, string id)
    {
        lock (Sync)
        {
            return Get(Normalize(partitionKey), id)?.Body.DeepClone().AsObject();
        }
    }

    /// <summary>Bytes a logical partition holds (what the 20 GB limit counts).</summary>
    public long PartitionBytes(string partitionKey)
    {
        lock (Sync)
        {
            return BytesOf(Normalize(partitionKey));
        }
    }

    /// <summary>
    /// Stores a document as a successful write would (fresh system properties), for a test that stages what another client
    /// does at a moment the SDK cannot reach, such as in the middle of another request.
    /// </summary>
    public void Seed(string partitionKey, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (Sync)
        {
            Put(Normalize(partitionKey), document, SizeOf(document));
        }
    }

    /// <summary>The partition key header in one canonical spelling (compact JSON array).</summary>
    public static string Normalize(string partitionKey) => JsonNode.Parse(partitionKey)!.ToJsonString();

    internal long NowSeconds => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Bytes of a partition whose key is already normalised (caller holds <see cref="Sync"/>).</summary>
    internal long BytesOf(string partitionKey) => _partitions.TryGetValue(partitionKey, out var partition) ? partition.Bytes : 0;

    /// <summary>The visible document (caller holds <see cref="Sync"/>); an expired one is purged on the way.</summary>
    internal StoredDocument? Get(string partitionKey, string id)
    {
        if (!_partitions.TryGetValue(partitionKey, out var partition) || !partition.ById.TryGetValue(id, out var document))
        {
            return null;
        }

        if (!document.ExpiredAt(NowSeconds, _defaultTtl()))
        {
            return document;
        }

        Remove(partitionKey, id);
        return null;
    }

    /// <summary>Visible documents of one partition, or of all when <paramref name="partitionKey"/> is null, in insertion order.</summary>
    internal IEnumerable<(string PartitionKey, StoredDocument Document)> Scan(string? partitionKey, long afterSequence = 0)
    {
        var now = NowSeconds;
        var ttl = _defaultTtl();
        if (partitionKey is not null)
        {
            return _partitions.TryGetValue(partitionKey, out var one)
                ? one.After(afterSequence).Where(document => !document.ExpiredAt(now, ttl)).Select(document => (partitionKey, document))
                : [];
        }

        return _partitions
            .SelectMany(pair => pair.Value.After(afterSequence).Select(document => (pair.Key, document)))
            .Where(entry => !entry.document.ExpiredAt(now, ttl))
            .OrderBy(entry => entry.document.Sequence);
    }

    /// <summary>Stores <paramref name="body"/> with fresh system properties and returns what was stored (caller holds <see cref="Sync"/>).</summary>
    internal StoredDocument Put(string partitionKey, JsonObject body, long size)
    {
        var sequence = ++_sequence;
        var now = NowSeconds;
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{sequence:x8}-0000-0d00-0000-{now:x12}\"");
        var stored = body.DeepClone().AsObject();
        stored["_rid"] = DocumentRid(sequence);
        stored["_self"] = $"dbs/{GatewayMetadata.DatabaseRid}/colls/{GatewayResponses.ContainerRid}/docs/{DocumentRid(sequence)}/";
        stored["_etag"] = etag;
        stored["_attachments"] = "attachments/";
        stored["_ts"] = now;
        var id = (string)stored["id"]!;
        var document = new StoredDocument(stored, sequence, etag, size, now);
        if (!_partitions.TryGetValue(partitionKey, out var partition))
        {
            _partitions[partitionKey] = partition = new LogicalPartition();
        }

        partition.Remove(id);
        partition.Add(document);
        return document;
    }

    /// <summary>Puts back what a rolled-back batch operation replaced (null: the document did not exist).</summary>
    internal void Restore(string partitionKey, string id, StoredDocument? previous)
    {
        Remove(partitionKey, id);
        if (previous is not null)
        {
            _partitions[partitionKey].Add(previous);
        }
    }

    internal void Remove(string partitionKey, string id)
    {
        if (_partitions.TryGetValue(partitionKey, out var partition))
        {
            partition.Remove(id);
        }
    }

    /// <summary>
    /// A document resource id: the container's 8 bytes and an 8-byte sequence, base64 with '/' spelled '-' as the service does.
    /// </summary>
    private static string DocumentRid(long sequence)
    {
        var bytes = new byte[16];
        Convert.FromBase64String(GatewayResponses.ContainerRid).CopyTo(bytes, 0);
        BitConverter.GetBytes(sequence).CopyTo(bytes, 8);
        return Convert.ToBase64String(bytes).Replace('/', '-');
    }

    internal static long SizeOf(JsonObject body) => JsonSerializer.SerializeToUtf8Bytes(body).LongLength;

    /// <summary>One logical partition: documents by id and in insertion order (a continuation resumes without re-sorting), and their bytes.</summary>
    private sealed class LogicalPartition
    {
        public Dictionary<string, StoredDocument> ById { get; } = new(StringComparer.Ordinal);

        public SortedSet<StoredDocument> InOrder { get; } = new(Comparer<StoredDocument>.Create((x, y) => x.Sequence.CompareTo(y.Sequence)));

        public long Bytes { get; private set; }

        public SortedSet<StoredDocument> After(long sequence) =>
            sequence <= 0 ? InOrder
            : InOrder.Count == 0 || InOrder.Max!.Sequence <= sequence ? []
            : InOrder.GetViewBetween(Bound(sequence + 1), InOrder.Max);

        private static StoredDocument Bound(long sequence) => new(new System.Text.Json.Nodes.JsonObject(), sequence, string.Empty, 0, 0);

        public void Add(StoredDocument document)
        {
            ById[document.Id] = document;
            InOrder.Add(document);
            Bytes += document.Size;
        }

        public void Remove(string id)
        {
            if (ById.Remove(id, out var removed))
            {
                InOrder.Remove(removed);
                Bytes -= removed.Size;
            }
        }
    }
}
