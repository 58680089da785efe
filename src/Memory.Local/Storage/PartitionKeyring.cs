using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// The per-partition encryption keys that make erasure cheap (crypto-shredding): every record in the log and snapshot is
/// encrypted with its partition's key, and erasing a partition overwrites that key's slot in <c>keys.bin</c> with zeros
/// in place — one small write and one fsync, no free space needed, whatever the size of the store.
/// </summary>
/// <remarks>
/// Layout: fixed 128-byte slots, aligned so none crosses a 512-byte sector. Slot 0 is the header (magic, format version).
/// A key slot is <c>[uint32 crc32c of bytes 4..][byte 1][byte scope][2 reserved][16 key id][32 SHA-256 of the
/// partition][32 key]</c>; an all-zero slot is free. The partition is stored only as a hash, so the file names no user.
/// A slot whose checksum fails was torn by a crash while it was written: its key never protected an acknowledged
/// record (the keyring is fsynced before the log), so it counts as free. The key id changes with every new key, so
/// records written before an erase stay unreadable when the same user writes again.
/// </remarks>
internal sealed class PartitionKeyring : IDisposable
{
    public const string FileName = "keys.bin";
    public const int SlotSize = 128;
    public const int FormatVersion = 1;

    /// <summary>AES-GCM tag length in bytes: the full 16.</summary>
    public const int TagSize = 16;
    private static ReadOnlySpan<byte> Magic => "MFKEYS\0\0"u8;

    private readonly FileStream _file;
    private readonly IDataFiles _files;
    // Slot and key id by partition hash: a record's key is found without reading keys.bin (once per record written).
    private readonly Dictionary<string, (int Slot, Guid KeyId)> _slotsByPartition = [];
    // One cipher per key, built once: creating an AES-GCM context per record made start-up several times slower.
    private readonly Dictionary<Guid, AesGcm> _keysById = [];
    private readonly Dictionary<int, byte[]> _dirty = [];
    private readonly SortedSet<int> _free = [];
    private int _slotCount;

    private PartitionKeyring(FileStream file, IDataFiles files) => (_file, _files) = (file, files);

    /// <summary>Bytes written to keys.bin since opening (for the erase benchmark).</summary>
    public long BytesWritten { get; private set; }

    public bool HasPendingWrites => _dirty.Count > 0;

    public static PartitionKeyring Open(string directory, IDataFiles files)
    {
        var file = files.Open(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var keyring = new PartitionKeyring(file, files);
        try
        {
            keyring.Load();
            return keyring;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The key for a record of <paramref name="partition"/>, creating (pending until <see cref="Commit"/>) one if it has none.</summary>
    public (Guid Id, AesGcm Cipher) GetOrCreate(MemoryPartition partition, KeyScope scope)
    {
        var hash = PartitionHash(partition, scope);
        if (_slotsByPartition.TryGetValue(Convert.ToHexString(hash), out var existing))
        {
            return (existing.KeyId, _keysById[existing.KeyId]);
        }

        var slot = _free.Count > 0 ? _free.Min : ++_slotCount;
        _free.Remove(slot);
        var bytes = new byte[SlotSize];
        bytes[4] = 1;
        bytes[5] = (byte)scope;
        var keyId = Guid.NewGuid();
        keyId.TryWriteBytes(bytes.AsSpan(8, 16));
        hash.CopyTo(bytes.AsSpan(24, 32));
        RandomNumberGenerator.Fill(bytes.AsSpan(56, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Crc32C.Compute(bytes.AsSpan(4)));
        _dirty[slot] = bytes;
        _slotsByPartition[Convert.ToHexString(hash)] = (slot, keyId);
        _keysById[keyId] = new AesGcm(bytes.AsSpan(56, 32), TagSize);
        return (keyId, _keysById[keyId]);
    }

    /// <summary>The key a record names, or null when it was destroyed (the record belongs to an erased partition).</summary>
    public AesGcm? Find(Guid keyId) => _keysById.GetValueOrDefault(keyId);

    /// <summary>Forgets the partition's key and zeroes its slot at the next <see cref="Commit"/>; false when it had none.</summary>
    public bool Destroy(MemoryPartition partition, KeyScope scope)
    {
        if (!_slotsByPartition.Remove(Convert.ToHexString(PartitionHash(partition, scope)), out var existing))
        {
            return false;
        }

        if (_keysById.Remove(existing.KeyId, out var cipher))
        {
            cipher.Dispose();
        }

        _dirty[existing.Slot] = new byte[SlotSize];
        _free.Add(existing.Slot);
        return true;
    }

    /// <summary>Writes the changed slots and fsyncs; runs before the log write of the same batch, so a logged record's key is always durable.</summary>
    public void Commit()
    {
        foreach (var (slot, bytes) in _dirty)
        {
            _file.Position = (long)slot * SlotSize;
            _files.Write(_file, bytes);
            BytesWritten += bytes.Length;
        }

        if (_dirty.Count > 0)
        {
            _files.Sync(_file);
            _dirty.Clear();
        }
    }

    public void Dispose()
    {
        foreach (var cipher in _keysById.Values)
        {
            cipher.Dispose();
        }

        _file.Dispose();
    }

    private static byte[] PartitionHash(MemoryPartition partition, KeyScope scope) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{partition.TenantId.Length}:{partition.TenantId}/{partition.UserId}#{(byte)scope}"));

    private void Load()
    {
        if (_file.Length == 0)
        {
            var header = new byte[SlotSize];
            Magic.CopyTo(header.AsSpan(4));
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), FormatVersion);
            BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32C.Compute(header.AsSpan(4)));
            _files.Write(_file, header);
            _files.Sync(_file);
        }

        var all = new byte[_file.Length];
        _file.Position = 0;
        _file.ReadExactly(all);
        CheckHeader(all);
        _slotCount = (int)(all.Length / SlotSize) - 1;
        for (var slot = 1; slot <= _slotCount; slot++)
        {
            var bytes = all.AsSpan(slot * SlotSize, SlotSize);
            if (bytes[4] != 1 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Crc32C.Compute(bytes[4..]))
            {
                _free.Add(slot);
                continue;
            }

            var keyId = new Guid(bytes.Slice(8, 16));
            _keysById[keyId] = new AesGcm(bytes.Slice(56, 32), TagSize);
            _slotsByPartition[Convert.ToHexString(bytes.Slice(24, 32))] = (slot, keyId);
        }
    }

    private static void CheckHeader(byte[] all)
    {
        var header = all.AsSpan(0, Math.Min(all.Length, SlotSize));
        if (header.Length < SlotSize || !header.Slice(4, 8).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(header) != Crc32C.Compute(header[4..]))
        {
            throw new InvalidDataException($"{FileName} does not start with a valid keyring header.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{FileName} has format version {version}; this release reads version {FormatVersion}.");
        }
    }
}
