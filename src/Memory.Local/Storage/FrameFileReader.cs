using System.Buffers.Binary;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Reads frames from a log or snapshot file in order and stops at the first frame that is incomplete, fails its
/// checksum or does not decode. <see cref="ValidLength"/> is then the offset of the last good byte, which is where a
/// torn write is cut off.
/// </summary>
internal sealed class FrameFileReader : IDisposable
{
    /// <summary>No single entry is this big; a larger length field can only be garbage.</summary>
    public const int MaxFrameLength = 256 * 1024 * 1024;

    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[FrameBuffer.HeaderSize];
    private byte[] _payload = new byte[64 * 1024];

    public FrameFileReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        FileLength = _stream.Length;
    }

    public long FileLength { get; }

    /// <summary>Bytes up to and including the last frame that read cleanly.</summary>
    public long ValidLength { get; private set; }

    /// <summary>Why reading stopped before the end of the file; null when it reached the end cleanly.</summary>
    public string? StopReason { get; private set; }

    public bool TryRead(out LogEntry? entry)
    {
        entry = null;
        var remaining = FileLength - ValidLength;
        if (remaining == 0)
        {
            return false;
        }

        if (remaining < FrameBuffer.HeaderSize)
        {
            return Stop("incomplete frame header");
        }

        _stream.ReadExactly(_header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
        if (length is 0 or > MaxFrameLength)
        {
            return Stop("implausible frame length");
        }

        if (length > remaining - FrameBuffer.HeaderSize)
        {
            return Stop("frame runs past the end of the file");
        }

        if (_payload.Length < length)
        {
            _payload = new byte[Math.Max(length, _payload.Length * 2)];
        }

        var payload = _payload.AsSpan(0, (int)length);
        _stream.ReadExactly(payload);
        if (Crc32C.Compute(payload) != checksum)
        {
            return Stop("checksum mismatch");
        }

        try
        {
            entry = EntryCodec.Read(payload);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException or ArgumentException)
        {
            return Stop("undecodable entry: " + exception.GetType().Name);
        }

        ValidLength += FrameBuffer.HeaderSize + length;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    private bool Stop(string reason)
    {
        StopReason = reason;
        return false;
    }
}
