using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Import;

/// <summary>
/// Splits a streamed body into lines (LF or CRLF) without ever holding more than one line: a line longer than the cap is
/// skipped up to its line break and yielded without bytes, so one bad line costs its own number, not the rest of the file.
/// A UTF-8 byte order mark before the first line is dropped; the last line needs no line break. Past
/// <c>maxBodyBytes</c> it throws the 413 <see cref="BadHttpRequestException"/> Kestrel throws at its own limit, so a
/// host that does not count (or counts higher) gets the same answer.
/// </summary>
public static class NdjsonLineReader
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(PipeReader reader, int maxLineBytes, long maxBodyBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long number = 0;
        long consumed = 0;
        var skipping = false;
        var first = true;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (consumed + buffer.Length > maxBodyBytes)
            {
                throw new BadHttpRequestException("The import body exceeds Memory:Http:MaxImportBytes.", StatusCodes.Status413PayloadTooLarge);
            }

            var start = buffer.Start;
            if (first && (buffer.Length >= ByteOrderMark.Length || result.IsCompleted))
            {
                first = false;
                if (StartsWithByteOrderMark(buffer))
                {
                    buffer = buffer.Slice(ByteOrderMark.Length);
                }
            }

            var lines = new List<NdjsonLine>();
            while (!first && buffer.PositionOf((byte)'\n') is { } end)
            {
                number++;
                lines.Add(skipping ? new(number, null) : Line(number, buffer.Slice(0, end), maxLineBytes));
                skipping = false;
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }

            if (!first && (skipping || buffer.Length > maxLineBytes))
            {
                // An overlong line without its break yet: drop what is here, and the rest of it as it arrives.
                skipping = true;
                buffer = buffer.Slice(buffer.End);
            }

            var completed = result.IsCompleted;
            if (completed && (buffer.Length > 0 || skipping))
            {
                number++;
                lines.Add(skipping ? new(number, null) : Line(number, buffer, maxLineBytes));
                buffer = buffer.Slice(buffer.End);
            }

            consumed += result.Buffer.Slice(start, buffer.Start).Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var line in lines)
            {
                yield return line;
            }

            if (completed)
            {
                yield break;
            }
        }
    }

    private static NdjsonLine Line(long number, ReadOnlySequence<byte> bytes, int maxLineBytes)
    {
        if (bytes.Length > 0 && bytes.Slice(bytes.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            bytes = bytes.Slice(0, bytes.Length - 1);
        }

        return bytes.Length > maxLineBytes ? new(number, null) : new(number, bytes.ToArray());
    }

    private static bool StartsWithByteOrderMark(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < ByteOrderMark.Length)
        {
            return false;
        }

        Span<byte> start = stackalloc byte[3];
        buffer.Slice(0, 3).CopyTo(start);
        return start.SequenceEqual(ByteOrderMark);
    }
}
