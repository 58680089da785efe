using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Payload layout: <c>[type][int64 sequence][body]</c>. Records are JSON (schema-tolerant as Core records grow), except a
/// memory's embedding, which follows as raw floats; the JSON contract drops it so the vector is stored once.
/// </summary>
internal static class EntryCodec
{
    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    public static void Write(FrameBuffer buffer, LogEntry entry)
    {
        var start = buffer.BeginFrame();
        switch (entry)
        {
            case MemoryPutEntry put:
                Header(buffer, EntryType.MemoryPut, put.Sequence);
                WriteJson(buffer, put.Memory);
                buffer.WriteFloats(put.Memory.Embedding);
                WriteOptionalHistory(buffer, put.History);
                break;
            case MemoryDeleteEntry delete:
                Header(buffer, EntryType.MemoryDelete, delete.Sequence);
                WritePartition(buffer, delete.Partition);
                buffer.WriteString(delete.MemoryId);
                WriteOptionalHistory(buffer, delete.History);
                break;
            case HistoryEntry history:
                Header(buffer, EntryType.History, history.Sequence);
                WriteJson(buffer, history.History);
                break;
            case OperationPutEntry operation:
                Header(buffer, EntryType.OperationPut, operation.Sequence);
                WriteJson(buffer, operation.Operation);
                break;
            case PartitionEraseEntry erase:
                Header(buffer, EntryType.PartitionErase, erase.Sequence);
                WritePartition(buffer, erase.Partition);
                buffer.WriteByte((byte)erase.Scope);
                break;
            case SnapshotHeaderEntry header:
                Header(buffer, EntryType.SnapshotHeader, header.Sequence);
                buffer.WriteInt64(header.NextGeneration);
                break;
            case SnapshotFooterEntry footer:
                Header(buffer, EntryType.SnapshotFooter, footer.Sequence);
                buffer.WriteInt64(footer.EntryCount);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "Unknown log entry type.");
        }

        buffer.EndFrame(start);
    }

    /// <summary>Decodes one checksummed payload; throws <see cref="InvalidDataException"/> or <see cref="JsonException"/> when it is not a valid entry.</summary>
    public static LogEntry Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var type = (EntryType)reader.ReadByte();
        var sequence = reader.ReadInt64();
        LogEntry entry = type switch
        {
            EntryType.MemoryPut => ReadMemoryPut(ref reader, sequence),
            EntryType.MemoryDelete => new MemoryDeleteEntry(sequence, ReadPartition(ref reader), reader.ReadString(), ReadOptionalHistory(ref reader)),
            EntryType.History => new HistoryEntry(sequence, reader.ReadJson<HistoryEvent>(JsonOptions)),
            EntryType.OperationPut => new OperationPutEntry(sequence, reader.ReadJson<MemoryOperation>(JsonOptions)),
            EntryType.PartitionErase => new PartitionEraseEntry(sequence, ReadPartition(ref reader), (EraseScope)reader.ReadByte()),
            EntryType.SnapshotHeader => new SnapshotHeaderEntry(sequence, reader.ReadInt64()),
            EntryType.SnapshotFooter => new SnapshotFooterEntry(sequence, reader.ReadInt64()),
            _ => throw new InvalidDataException($"Unknown entry type {(byte)type}."),
        };
        return reader.IsAtEnd ? entry : throw new InvalidDataException("Trailing bytes after entry.");
    }

    private static MemoryPutEntry ReadMemoryPut(ref PayloadReader reader, long sequence)
    {
        var memory = reader.ReadJson<MemoryRecord>(JsonOptions);
        var embedding = reader.ReadFloats();
        return new MemoryPutEntry(sequence, memory with { Embedding = embedding }, ReadOptionalHistory(ref reader));
    }

    private static void Header(FrameBuffer buffer, EntryType type, long sequence)
    {
        buffer.WriteByte((byte)type);
        buffer.WriteInt64(sequence);
    }

    private static void WritePartition(FrameBuffer buffer, MemoryPartition partition)
    {
        buffer.WriteString(partition.TenantId);
        buffer.WriteString(partition.UserId);
    }

    private static MemoryPartition ReadPartition(ref PayloadReader reader) => new(reader.ReadString(), reader.ReadString());

    private static void WriteOptionalHistory(FrameBuffer buffer, HistoryEvent? history)
    {
        buffer.WriteByte(history is null ? (byte)0 : (byte)1);
        if (history is not null)
        {
            WriteJson(buffer, history);
        }
    }

    private static HistoryEvent? ReadOptionalHistory(ref PayloadReader reader) =>
        reader.ReadByte() == 0 ? null : reader.ReadJson<HistoryEvent>(JsonOptions);

    private static void WriteJson<T>(FrameBuffer buffer, T value)
    {
        var slot = buffer.BeginLength();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, JsonOptions);
        }

        buffer.EndLength(slot);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(static info =>
        {
            if (info.Type == typeof(MemoryRecord))
            {
                var embedding = info.Properties.Single(p => p.Name == nameof(MemoryRecord.Embedding));
                info.Properties.Remove(embedding);
            }
        });
        return new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            IgnoreReadOnlyProperties = true,
            Converters = { new JsonStringEnumConverter() },
        };
    }
}
