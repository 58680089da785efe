using System.Buffers.Binary;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Reads frames from a log or snapshot file in order and stops at the first frame that is incomplete, fails its
/// checksum or does not decode. <see cref="ValidLength"/> is then the offset of the last good byte, which is where a
/// torn write is cut off — but only when <see cref="FindNextFrame"/> finds no readable frame after it.
/// </summary>
internal sealed class FrameFileReader : IDisposable
{
    /// <summary>No single entry is this big; a larger length field can only be garbage. Writers stay far below it (<see cref="FrameBuffer.MaxPayloadLength"/>).</summary>
    public const int MaxFrameLength = 256 * 1024 * 1024;

    /// <summary>Type byte plus sequence: what <see cref="FindNextFrame"/> looks at before paying for a checksum.</summary>
    private const int PayloadPrefixSize = 9;

    private readonly FileStream _stream;
    private readonly PartitionKeyring? _keyring;
    private readonly byte[] _header = new byte[FrameBuffer.HeaderSize];
    private byte[] _payload = new byte[64 * 1024];

    /// <summary>Reads <paramref name="path"/>; without a keyring every sealed record reads as <see cref="ShreddedEntry"/>.</summary>
    public FrameFileReader(string path, PartitionKeyring? keyring)
    {
        Path = path;
        _keyring = keyring;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        FileLength = _stream.Length;
    }

    public string Path { get; }

    /// <summary>The file's format, known once its first frame is read (<see cref="EntryCodec.LegacyFormatVersion"/> when it has no file header).</summary>
    public int FormatVersion { get; private set; }

    public long FileLength { get; }

    /// <summary>Bytes up to and including the last frame that read cleanly.</summary>
    public long ValidLength { get; private set; }

    /// <summary>Where the next frame is read from: <see cref="ValidLength"/>, unless <see cref="FindNextFrame"/> skipped damage.</summary>
    public long Offset { get; private set; }

    /// <summary>The highest sequence read so far (the log's sequences only grow, which is what resynchronising relies on).</summary>
    public long LastSequence { get; private set; }

    /// <summary>Why reading stopped before the end of the file; null when it reached the end cleanly.</summary>
    public string? StopReason { get; private set; }

    public bool TryRead(out LogEntry? entry)
    {
        entry = null;
        if (!TryReadChecked(out var length))
        {
            return false;
        }

        try
        {
            entry = EntryCodec.Read(_payload.AsSpan(0, length), _keyring, FormatVersion == 0 ? EntryCodec.LegacyFormatVersion : FormatVersion);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return Stop("undecodable entry: " + exception.GetType().Name);
        }

        if (Offset == 0)
        {
            FormatVersion = entry is FileHeaderEntry header ? header.FormatVersion : EntryCodec.LegacyFormatVersion;
        }

        Advance(length);
        LastSequence = Math.Max(LastSequence, entry.Sequence);
        return true;
    }

    /// <summary>
    /// The next frame's payload, checksummed but not decoded (the snapshot loader decodes it on another thread, where any
    /// failure is damage: see <see cref="SnapshotLoader"/>); valid until the next read. Only after the file header was
    /// read with <see cref="TryRead"/>, so <see cref="FormatVersion"/> is known.
    /// </summary>
    public bool TryReadPayload(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (Offset == 0 || !TryReadChecked(out var length))
        {
            return false;
        }

        payload = _payload.AsSpan(0, length);
        Advance(length);
        return true;
    }

    private bool TryReadChecked(out int length)
    {
        length = 0;
        StopReason = null;
        var remaining = FileLength - Offset;
        if (remaining == 0)
        {
            return false;
        }

        if (remaining < FrameBuffer.HeaderSize)
        {
            return Stop("incomplete frame header");
        }

        if (_stream.Position != Offset)
        {
            _stream.Position = Offset;
        }

        _stream.ReadExactly(_header);
        var frameLength = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
        if (frameLength is 0 or > MaxFrameLength)
        {
            return Stop("implausible frame length");
        }

        if (frameLength > remaining - FrameBuffer.HeaderSize)
        {
            return Stop("frame runs past the end of the file");
        }

        if (_payload.Length < frameLength)
        {
            _payload = new byte[Math.Max(frameLength, _payload.Length * 2)];
        }

        var payload = _payload.AsSpan(0, (int)frameLength);
        _stream.ReadExactly(payload);
        if (Crc32C.Compute(payload) != checksum)
        {
            return Stop("checksum mismatch");
        }

        length = (int)frameLength;
        return true;
    }

    private void Advance(int length)
    {
        Offset += FrameBuffer.HeaderSize + length;
        ValidLength = Offset;
    }

    /// <summary>
    /// After <see cref="TryRead"/> stopped on damage: the offset of the next readable frame after it, or null when none
    /// follows (the damage is a torn tail). A candidate must carry a known entry type and a sequence that is 0 (snapshot
    /// records) or follows <see cref="LastSequence"/>, so random bytes almost never cost a checksum. When one is found the
    /// reader continues from there.
    /// </summary>
    public long? FindNextFrame()
    {
        var window = new byte[(1 << 20) + FrameBuffer.HeaderSize + PayloadPrefixSize];
        for (var start = Offset + 1; start < FileLength - FrameBuffer.HeaderSize - PayloadPrefixSize;)
        {
            _stream.Position = start;
            var read = _stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
            var candidates = read - FrameBuffer.HeaderSize - PayloadPrefixSize;
            for (var i = 0; i <= candidates; i++)
            {
                if (IsPlausibleStart(window.AsSpan(i), start + i) && TryReadAt(start + i))
                {
                    return start + i;
                }
            }

            start += Math.Max(candidates + 1, 1);
        }

        return null;
    }

    public void Dispose() => _stream.Dispose();

    private bool IsPlausibleStart(ReadOnlySpan<byte> bytes, long offset)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (length < PayloadPrefixSize || length > MaxFrameLength || length > FileLength - offset - FrameBuffer.HeaderSize)
        {
            return false;
        }

        var type = bytes[FrameBuffer.HeaderSize];
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[(FrameBuffer.HeaderSize + 1)..]);
        return Enum.IsDefined((EntryType)type) && (sequence == 0 || (sequence > LastSequence && sequence - LastSequence < 1L << 40));
    }

    private bool TryReadAt(long offset)
    {
        var (previousOffset, previousValid, previousSequence, reason) = (Offset, ValidLength, LastSequence, StopReason);
        Offset = offset;
        var found = TryRead(out _);

        // A found frame is read again by the caller's next TryRead, so only the offset moves.
        (Offset, ValidLength, LastSequence, StopReason) = (found ? offset : previousOffset, previousValid, previousSequence, reason);
        return found;
    }

    private bool Stop(string reason)
    {
        StopReason = reason;
        return false;
    }
}
