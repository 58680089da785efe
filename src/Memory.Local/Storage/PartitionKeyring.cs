using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// The per-partition encryption keys that make erasure cheap (crypto-shredding): every record in the log and snapshot is
/// encrypted with its partition's key, and erasing a partition overwrites that key's slot in <c>keys.bin</c> with zeros
/// in place — small writes and one fsync, no free space needed, whatever the size of the store.
/// </summary>
/// <remarks>
/// Layout: fixed 128-byte slots, aligned so none crosses a 512-byte sector. Slot 0 is the header (magic, format version).
/// A key slot is <c>[uint32 crc32c of bytes 4..][byte 1][byte scope][2 reserved][16 key id][32 SHA-256 of the
/// partition][32 key]</c>; an all-zero slot is free. The partition is stored only as a hash, so the file names no user.
/// A slot whose checksum fails was torn by a crash while it was written: its key never protected an acknowledged
/// record (the keyring is fsynced before the log), so it counts as free. The key id changes with every new key, so
/// records written before an erase stay unreadable when the same user writes again.
/// <para>
/// An erase is made crash-atomic by the log, not by this file: <see cref="Retire"/> takes the partition's keys out of use
/// but leaves their slots alone until the erase entry naming them is durable (<see cref="ShredRetired"/>), and recovery
/// shreds whatever a logged erase names that is still here (<see cref="Shred"/>). Zeroing two slots cannot be one write;
/// logging the intent first makes the log entry the single point at which the erase happens. The replacement key goes
/// to another slot, so until then a partition can have several live slots (a crash can leave an unused one behind);
/// all of them are retired together.
/// </para>
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
    // Live slots by partition hash, the newest (the one new records use) last: a record's key is found without reading keys.bin.
    private readonly Dictionary<string, List<(int Slot, Guid KeyId)>> _slotsByPartition = [];
    // One cipher per key, built once: creating an AES-GCM context per record made start-up several times slower.
    private readonly Dictionary<Guid, (AesGcm Cipher, int Slot, string Hash)> _keysById = [];
    private readonly Dictionary<int, byte[]> _dirty = [];
    private readonly List<(string Hash, int Slot, Guid KeyId)> _retired = [];
    private readonly SortedSet<int> _free = [];
    private int _slotCount;

    private PartitionKeyring(FileStream file, IDataFiles files) => (_file, _files) = (file, files);

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
        var hash = Convert.ToHexString(PartitionHash(partition, scope));
        if (_slotsByPartition.TryGetValue(hash, out var live) && live.Count > 0)
        {
            return (live[^1].KeyId, _keysById[live[^1].KeyId].Cipher);
        }

        var slot = _free.Count > 0 ? _free.Min : ++_slotCount;
        _free.Remove(slot);
        var bytes = new byte[SlotSize];
        bytes[4] = 1;
        bytes[5] = (byte)scope;
        var keyId = Guid.NewGuid();
        keyId.TryWriteBytes(bytes.AsSpan(8, 16));
        Convert.FromHexString(hash).CopyTo(bytes.AsSpan(24, 32));
        RandomNumberGenerator.Fill(bytes.AsSpan(56, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Crc32C.Compute(bytes.AsSpan(4)));
        _dirty[slot] = bytes;
        Track(hash, slot, keyId, new AesGcm(bytes.AsSpan(56, 32), TagSize));
        return (keyId, _keysById[keyId].Cipher);
    }

    /// <summary>The key a record names, or null when it was destroyed (the record belongs to an erased partition).</summary>
    public AesGcm? Find(Guid keyId) => _keysById.TryGetValue(keyId, out var key) ? key.Cipher : null;

    /// <summary>
    /// Takes the partition's keys out of use (the next record gets a new key in another slot) and returns their ids for
    /// the erase entry; their slots stay as they are until <see cref="ShredRetired"/> (log durable) or
    /// <see cref="RestoreRetired"/> (log write failed).
    /// </summary>
    public IReadOnlyList<Guid> Retire(MemoryPartition partition, KeyScope scope)
    {
        var hash = Convert.ToHexString(PartitionHash(partition, scope));
        if (!_slotsByPartition.Remove(hash, out var live))
        {
            return [];
        }

        _retired.AddRange(live.Select(key => (hash, key.Slot, key.KeyId)));
        return live.Select(key => key.KeyId).ToList();
    }

    /// <summary>Zeroes the retired keys' slots and fsyncs: called once the erase entries naming them are in the log.</summary>
    public void ShredRetired()
    {
        if (_retired.Count == 0)
        {
            return;
        }

        foreach (var (_, slot, keyId) in _retired)
        {
            _file.Position = (long)slot * SlotSize;
            _files.Write(_file, new byte[SlotSize]);
            if (_keysById.Remove(keyId, out var key))
            {
                key.Cipher.Dispose();
            }

            _free.Add(slot);
        }

        _retired.Clear();
        _files.Sync(_file);
    }

    /// <summary>Puts retired keys back in use: their erase never reached the log, so the records they protect are still live.</summary>
    public void RestoreRetired()
    {
        foreach (var (hash, slot, keyId) in Enumerable.Reverse(_retired))
        {
            if (!_slotsByPartition.TryGetValue(hash, out var live))
            {
                _slotsByPartition[hash] = live = [];
            }

            live.Insert(0, (slot, keyId));
        }

        _retired.Clear();
    }

    /// <summary>Recovery's half of an erase: shreds the keys a logged erase names that a crash left in this file.</summary>
    public void Shred(IEnumerable<Guid> keyIds)
    {
        foreach (var keyId in keyIds)
        {
            if (_keysById.TryGetValue(keyId, out var key) && _slotsByPartition.TryGetValue(key.Hash, out var live))
            {
                live.RemoveAll(entry => entry.KeyId == keyId);
                if (live.Count == 0)
                {
                    _slotsByPartition.Remove(key.Hash);
                }

                _retired.Add((key.Hash, key.Slot, keyId));
            }
        }

        ShredRetired();
    }

    /// <summary>Writes the new slots and fsyncs; runs before the log write of the same batch, so a logged record's key is always durable.</summary>
    public void Commit()
    {
        foreach (var (slot, bytes) in _dirty)
        {
            _file.Position = (long)slot * SlotSize;
            _files.Write(_file, bytes);
        }

        if (_dirty.Count > 0)
        {
            _files.Sync(_file);
            _dirty.Clear();
        }
    }

    public void Dispose()
    {
        foreach (var key in _keysById.Values)
        {
            key.Cipher.Dispose();
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

            Track(Convert.ToHexString(bytes.Slice(24, 32)), slot, new Guid(bytes.Slice(8, 16)), new AesGcm(bytes.Slice(56, 32), TagSize));
        }
    }

    private void Track(string hash, int slot, Guid keyId, AesGcm cipher)
    {
        if (!_slotsByPartition.TryGetValue(hash, out var live))
        {
            _slotsByPartition[hash] = live = [];
        }

        live.Add((slot, keyId));
        _keysById[keyId] = (cipher, slot, hash);
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
