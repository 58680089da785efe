using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Storage.Documents;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Payload layout: <c>[type][int64 sequence][body]</c>. Every file starts with a <see cref="FileHeaderEntry"/> naming
/// <see cref="FormatVersion"/>. A record of a user (memory, delete, history, operation) is sealed with its partition's key
/// (<see cref="PartitionKeyring"/>): <c>[16 key id][12 nonce][16 AES-GCM tag][ciphertext of the body]</c>, so destroying
/// the key erases it. Bodies are the JSON of Memory.Local's own documents (<see cref="DocumentMapper"/>), except a memory's
/// embedding, which follows as raw floats.
/// </summary>
/// <remarks>
/// Version 1 (no file header, bodies in plain text), version 2 (no audit records) and version 3 are still read, and a store
/// in any of them is rewritten at once when it opens, so no file headed with an older version ever holds a newer record
/// type. Version 4 names what releases up to commit ba52933 had added within version 3 (a kept turn's resolved dates,
/// preceding words and ordinal; an operation's kind, erasure and callback; the key ids an erase entry destroys), so a
/// release that reads only version 3 refuses a store that holds them by its header instead of dropping them or cutting
/// an erase entry off as a torn tail. A file of a newer version than this release reads is refused, never guessed at.
/// </remarks>
internal static class EntryCodec
{
    public const int FormatVersion = 4;
    public const int LegacyFormatVersion = 1;

    /// <summary>The first format with audit records; an older file holding one is damaged, not guessed at.</summary>
    public const int AuditFormatVersion = 3;
    private const int KeyIdSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = PartitionKeyring.TagSize;

    /// <summary>Decrypted bodies up to this size reuse one buffer per thread: a fresh array per record is garbage the loader's GC pays for.</summary>
    private const int ReusedBodyBytes = 1024 * 1024;

    [ThreadStatic]
    private static FrameBuffer? t_plaintext;

    [ThreadStatic]
    private static byte[]? t_body;

    private static ReadOnlySpan<byte> Magic => "MFLOCAL\0"u8;

    public static void Write(FrameBuffer buffer, LogEntry entry, PartitionKeyring keyring)
    {
        var start = buffer.BeginFrame();
        switch (entry)
        {
            case FileHeaderEntry header:
                Header(buffer, EntryType.FileHeader, 0);
                Magic.CopyTo(buffer.GetSpan(Magic.Length));
                buffer.Advance(Magic.Length);
                buffer.WriteInt32(header.FormatVersion);
                break;
            case SnapshotHeaderEntry header:
                Header(buffer, EntryType.SnapshotHeader, header.Sequence);
                buffer.WriteInt64(header.NextGeneration);
                break;
            case SnapshotFooterEntry footer:
                Header(buffer, EntryType.SnapshotFooter, footer.Sequence);
                buffer.WriteInt64(footer.EntryCount);
                break;
            case PartitionEraseEntry erase:
                // Not sealed: it outlives the keys it destroyed, since its sequence is the partition's epoch (the write fence).
                Header(buffer, EntryType.PartitionErase, erase.Sequence);
                WritePartition(buffer, erase.Partition);
                buffer.WriteByte((byte)erase.Scope);
                WriteKeyIds(buffer, erase.ShreddedKeys ?? []);
                break;
            case AuditPutEntry audit:
                // Not sealed either: it records the erase of the partition whose keys it must outlive, and holds no user data.
                Header(buffer, EntryType.AuditPut, audit.Sequence);
                WriteJson(buffer, DocumentMapper.ToDocument(audit.Record), DocumentJsonContext.Default.AuditDocument);
                break;
            default:
                var (type, partition, scope) = Owner(entry);
                Header(buffer, type, entry.Sequence);
                Seal(buffer, entry, keyring.GetOrCreate(partition, scope));
                break;
        }

        buffer.EndFrame(start);
    }

    /// <summary>
    /// Decodes one checksummed payload; throws <see cref="InvalidDataException"/> or <see cref="JsonException"/> when it is
    /// not a valid entry. A sealed record whose key is gone decodes as <see cref="ShreddedEntry"/>, as does every sealed
    /// record when <paramref name="keyring"/> is null (reading only what is not sealed: epochs, audit records, headers).
    /// </summary>
    public static LogEntry Read(ReadOnlySpan<byte> payload, PartitionKeyring? keyring, int formatVersion)
    {
        var reader = new PayloadReader(payload);
        var type = (EntryType)reader.ReadByte();
        var sequence = reader.ReadInt64();
        LogEntry entry = type switch
        {
            EntryType.FileHeader => ReadFileHeader(ref reader),
            EntryType.SnapshotHeader => new SnapshotHeaderEntry(sequence, reader.ReadInt64()),
            EntryType.SnapshotFooter => new SnapshotFooterEntry(sequence, reader.ReadInt64()),
            EntryType.PartitionErase => new PartitionEraseEntry(sequence, ReadPartition(ref reader), (EraseScope)reader.ReadByte(), ReadKeyIds(ref reader)),
            EntryType.AuditPut when formatVersion >= AuditFormatVersion => new AuditPutEntry(sequence, DocumentMapper.ToRecord(reader.ReadJson(DocumentJsonContext.Default.AuditDocument))),
            EntryType.MemoryPut or EntryType.MemoryDelete or EntryType.History or EntryType.OperationPut when formatVersion == LegacyFormatVersion => ReadBody(type, sequence, ref reader),
            EntryType.MemoryPut or EntryType.MemoryDelete or EntryType.History or EntryType.OperationPut => Unseal(type, sequence, ref reader, keyring),
            _ => throw new InvalidDataException($"Unknown entry type {(byte)type}."),
        };
        return reader.IsAtEnd ? entry : throw new InvalidDataException("Trailing bytes after entry.");
    }

    /// <summary>
    /// The key a payload is sealed under (a partition's memories or its operations), or null when the payload is not sealed
    /// (headers, erase and audit entries, version 1 records): what routes a record to its loader thread without decrypting it.
    /// </summary>
    public static Guid? SealingKey(ReadOnlySpan<byte> payload, int formatVersion) =>
        formatVersion != LegacyFormatVersion && payload.Length >= 9 + KeyIdSize
            && (EntryType)payload[0] is EntryType.MemoryPut or EntryType.MemoryDelete or EntryType.History or EntryType.OperationPut
            ? new Guid(payload.Slice(9, KeyIdSize))
            : null;

    private static (EntryType Type, MemoryPartition Partition, KeyScope Scope) Owner(LogEntry entry) => entry switch
    {
        MemoryPutEntry put => (EntryType.MemoryPut, put.Memory.Partition, KeyScope.Memories),
        MemoryDeleteEntry delete => (EntryType.MemoryDelete, delete.Partition, KeyScope.Memories),
        HistoryEntry history => (EntryType.History, new MemoryPartition(history.History.TenantId, history.History.UserId), KeyScope.Memories),
        OperationPutEntry operation => (EntryType.OperationPut, operation.Operation.Partition, KeyScope.Operations),
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "Unknown log entry type."),
    };

    private static void Seal(FrameBuffer buffer, LogEntry entry, (Guid Id, AesGcm Cipher) key)
    {
        // The plain body is built in a framed scratch buffer so the size limit stops a huge record before it is encrypted.
        var plain = t_plaintext ??= new FrameBuffer();
        plain.Reset();
        var plainStart = plain.BeginFrame();
        WriteBody(plain, entry);
        var body = plain.Written[(plainStart + FrameBuffer.HeaderSize)..];

        var sealedLength = KeyIdSize + NonceSize + TagSize + body.Length;
        var target = buffer.GetSpan(sealedLength)[..sealedLength];
        key.Id.TryWriteBytes(target[..KeyIdSize]);
        var nonce = target.Slice(KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        key.Cipher.Encrypt(nonce, body, target[(KeyIdSize + NonceSize + TagSize)..], target.Slice(KeyIdSize + NonceSize, TagSize));

        buffer.Advance(sealedLength);
        plain.Reset();
        plain.Trim(4 * 1024 * 1024);
    }

    private static LogEntry Unseal(EntryType type, long sequence, ref PayloadReader reader, PartitionKeyring? keyring)
    {
        var keyId = new Guid(reader.Take(KeyIdSize));
        var nonce = reader.Take(NonceSize);
        var tag = reader.Take(TagSize);
        var ciphertext = reader.TakeRest();
        if (keyring?.Find(keyId) is not { } cipher)
        {
            return new ShreddedEntry(sequence);
        }

        // Everything read from the body is copied out (strings, floats, documents), so the buffer is free again afterwards.
        Span<byte> body = ciphertext.Length > ReusedBodyBytes ? new byte[ciphertext.Length] : BodyBuffer(ciphertext.Length);
        try
        {
            cipher.Decrypt(nonce, ciphertext, tag, body);
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new InvalidDataException("A sealed record does not authenticate with its partition key.", exception);
        }

        var plain = new PayloadReader(body);
        var entry = ReadBody(type, sequence, ref plain);
        return plain.IsAtEnd ? entry : throw new InvalidDataException("Trailing bytes after a sealed entry's body.");
    }

    private static Span<byte> BodyBuffer(int length)
    {
        if (t_body is not { } buffer || buffer.Length < length)
        {
            t_body = buffer = new byte[Math.Max(length, 16 * 1024)];
        }

        return buffer.AsSpan(0, length);
    }

    private static void WriteBody(FrameBuffer buffer, LogEntry entry)
    {
        switch (entry)
        {
            case MemoryPutEntry put:
                WriteJson(buffer, DocumentMapper.ToDocument(put.Memory), DocumentJsonContext.Default.MemoryDocument);
                buffer.WriteFloats(put.Memory.Embedding);
                WriteOptionalHistory(buffer, put.History);
                break;
            case MemoryDeleteEntry delete:
                WritePartition(buffer, delete.Partition);
                buffer.WriteString(delete.MemoryId);
                WriteOptionalHistory(buffer, delete.History);
                break;
            case HistoryEntry history:
                WriteHistory(buffer, history.History);
                break;
            case OperationPutEntry operation:
                WriteJson(buffer, DocumentMapper.ToDocument(operation.Operation), DocumentJsonContext.Default.OperationDocument);
                break;
        }
    }

    private static LogEntry ReadBody(EntryType type, long sequence, ref PayloadReader reader) => type switch
    {
        EntryType.MemoryPut => ReadMemoryPut(ref reader, sequence),
        EntryType.MemoryDelete => new MemoryDeleteEntry(sequence, ReadPartition(ref reader), reader.ReadString(), ReadOptionalHistory(ref reader)),
        EntryType.History => new HistoryEntry(sequence, ReadHistory(ref reader)),
        _ => new OperationPutEntry(sequence, DocumentMapper.ToRecord(reader.ReadJson(DocumentJsonContext.Default.OperationDocument))),
    };

    private static FileHeaderEntry ReadFileHeader(ref PayloadReader reader)
    {
        if (!reader.Take(Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("The file header does not carry the local store's magic bytes.");
        }

        var version = reader.ReadInt32();
        return version switch
        {
            >= LegacyFormatVersion and <= FormatVersion => new FileHeaderEntry(version),
            // Not damage: a later release wrote it. NotSupportedException is not one the readers turn into a torn tail.
            > FormatVersion => throw new NotSupportedException($"The file is in format version {version}; this release reads versions {LegacyFormatVersion} to {FormatVersion}. Open it with the release that wrote it or a later one; nothing was changed."),
            _ => throw new InvalidDataException($"The file header names format version {version}, which no release wrote."),
        };
    }

    private static MemoryPutEntry ReadMemoryPut(ref PayloadReader reader, long sequence)
    {
        var document = reader.ReadJson(DocumentJsonContext.Default.MemoryDocument);
        var embedding = reader.ReadFloats();
        return new MemoryPutEntry(sequence, DocumentMapper.ToRecord(document, embedding), ReadOptionalHistory(ref reader));
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

    /// <summary>Written only when there are any, so an erase of a partition without keys stays byte-for-byte as before.</summary>
    private static void WriteKeyIds(FrameBuffer buffer, IReadOnlyList<Guid> keyIds)
    {
        if (keyIds.Count == 0)
        {
            return;
        }

        buffer.WriteInt32(keyIds.Count);
        foreach (var keyId in keyIds)
        {
            keyId.TryWriteBytes(buffer.GetSpan(KeyIdSize));
            buffer.Advance(KeyIdSize);
        }
    }

    private static Guid[] ReadKeyIds(ref PayloadReader reader)
    {
        if (reader.IsAtEnd)
        {
            return [];
        }

        var count = reader.ReadInt32();
        if (count is < 0 or > 65_536)
        {
            throw new InvalidDataException($"An erase entry names {count} keys.");
        }

        var keyIds = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            keyIds[i] = new Guid(reader.Take(KeyIdSize));
        }

        return keyIds;
    }

    private static void WriteOptionalHistory(FrameBuffer buffer, HistoryEvent? history)
    {
        buffer.WriteByte(history is null ? (byte)0 : (byte)1);
        if (history is not null)
        {
            WriteHistory(buffer, history);
        }
    }

    private static HistoryEvent? ReadOptionalHistory(ref PayloadReader reader) =>
        reader.ReadByte() == 0 ? null : ReadHistory(ref reader);

    private static void WriteHistory(FrameBuffer buffer, HistoryEvent history) =>
        WriteJson(buffer, DocumentMapper.ToDocument(history), DocumentJsonContext.Default.HistoryDocument);

    private static HistoryEvent ReadHistory(ref PayloadReader reader) =>
        DocumentMapper.ToRecord(reader.ReadJson(DocumentJsonContext.Default.HistoryDocument));

    private static void WriteJson<T>(FrameBuffer buffer, T value, JsonTypeInfo<T> typeInfo)
    {
        var slot = buffer.BeginLength();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        buffer.EndLength(slot);
    }
}
