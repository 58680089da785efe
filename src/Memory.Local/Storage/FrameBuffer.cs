using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// A growable byte buffer that frames entries as <c>[uint32 length][uint32 crc32c][payload]</c>. A whole group-commit
/// batch is built here and handed to the file in one write, so a batch costs one syscall and one fsync.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    public const int HeaderSize = 8;

    private byte[] _bytes;
    private int _position;

    public FrameBuffer(int initialCapacity = 64 * 1024) => _bytes = new byte[initialCapacity];

    public int Length => _position;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _position);

    public void Reset() => _position = 0;

    /// <summary>Drops everything after <paramref name="length"/>: a frame that failed half-way is never logged.</summary>
    public void Truncate(int length) => _position = length;

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
        return start;
    }

    public void EndFrame(int start)
    {
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

    public void Advance(int count) => _position += count;

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
        var needed = _position + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }
    }
}
