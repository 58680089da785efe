using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// A growable byte buffer that frames entries as <c>[uint32 length][uint32 crc32c][payload]</c>. A whole group-commit
/// batch is built here and handed to the file in one write, so a batch costs one syscall and one fsync.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    public const int HeaderSize = 8;

    /// <summary>
    /// The largest payload written: a sixteenth of what <see cref="FrameFileReader.MaxFrameLength"/> reads, so every frame
    /// this store writes is one its reader accepts, and a record is refused while it is encoded, not after it filled memory.
    /// At 16 MiB it is 16 times the largest HTTP request body and 8 times Cosmos DB's item limit.
    /// </summary>
    public const int MaxPayloadLength = FrameFileReader.MaxFrameLength / 16;

    private byte[] _bytes;
    private int _position;
    private int _frameStart = -1;

    public FrameBuffer(int initialCapacity = 64 * 1024) => _bytes = new byte[initialCapacity];

    public int Length => _position;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _position);

    public void Reset()
    {
        _position = 0;
        _frameStart = -1;
    }

    /// <summary>Drops everything after <paramref name="length"/>: a frame that failed half-way is never logged.</summary>
    public void Truncate(int length)
    {
        _position = length;
        _frameStart = -1;
    }

    /// <summary>Gives back memory after an unusually large batch so one big snapshot write does not pin it forever.</summary>
    public void Trim(int maxRetained)
    {
        if (_bytes.Length > maxRetained && _position == 0)
        {
            _bytes = new byte[maxRetained];
        }
    }

    public int BeginFrame()
    {
        var start = _position;
        GetSpan(HeaderSize);
        _position += HeaderSize;
        _frameStart = start;
        return start;
    }

    public void EndFrame(int start)
    {
        CheckFrameEnd(_position);
        _frameStart = -1;
        var payload = _bytes.AsSpan(start + HeaderSize, _position - start - HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(start), (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(start + 4), Crc32C.Compute(payload));
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _position++;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        _position += 8;
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        _position += Encoding.UTF8.GetBytes(value, GetSpan(count));
    }

    /// <summary>Raw little-endian floats: vectors are most of the bytes, and text encoding would triple them.</summary>
    public void WriteFloats(ReadOnlySpan<float> values)
    {
        WriteInt32(values.Length);
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(GetSpan(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>Reserves a 4-byte length slot; <see cref="EndLength"/> fills it with the bytes written since.</summary>
    public int BeginLength()
    {
        var slot = _position;
        WriteInt32(0);
        return slot;
    }

    public void EndLength(int slot) =>
        BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(slot), _position - slot - 4);

    public void Advance(int count)
    {
        CheckFrameEnd((long)_position + count);
        _position += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(_position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(_position);
    }

    private void Ensure(int sizeHint)
    {
        var needed = (long)_position + Math.Max(sizeHint, 1);
        CheckFrameEnd(needed);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Math.Max(needed, _bytes.Length * 2L), Array.MaxLength));
        }
    }

    /// <summary>Checked as the frame grows (so a huge record fails early) and again at its end (writers may fill more than they asked for).</summary>
    private void CheckFrameEnd(long end)
    {
        if (_frameStart >= 0 && end - _frameStart - HeaderSize > MaxPayloadLength)
        {
            throw new StoreFailureException(
                StoreFailureKind.TooLarge,
                $"The record is larger than the local store's limit of {MaxPayloadLength} bytes per encoded record; nothing was written. Send less per request.")
            {
                LimitBytes = MaxPayloadLength,
            };
        }
    }
}
