using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MemoryFunctions.Local.Storage;

/// <summary>Reads back what <see cref="FrameBuffer"/> wrote into one frame's payload; any overrun throws <see cref="InvalidDataException"/>.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private ReadOnlySpan<byte> _rest = payload;

    public readonly bool IsAtEnd => _rest.IsEmpty;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadCount()));

    public float[] ReadFloats()
    {
        var count = ReadCount();
        if (count > _rest.Length / sizeof(float))
        {
            throw new InvalidDataException("Vector length runs past the end of the entry.");
        }

        var values = new float[count];
        MemoryMarshal.Cast<byte, float>(Take(count * sizeof(float))).CopyTo(values);
        return values;
    }

    public T ReadJson<T>(JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(Take(ReadCount()), typeInfo) ?? throw new InvalidDataException($"Null {typeof(T).Name} in entry.");

    private int ReadCount()
    {
        var count = ReadInt32();
        return count < 0 ? throw new InvalidDataException("Negative length in entry.") : count;
    }

    public ReadOnlySpan<byte> TakeRest() => Take(_rest.Length);

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length)
        {
            throw new InvalidDataException("Entry is shorter than its fields.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
