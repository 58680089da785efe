using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>Reads a request body up to a limit, so an oversized (or chunked, length-less) upload is refused without buffering it all.</summary>
internal static class EventGridBody
{
    public static async Task<BinaryData?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        return new BinaryData(buffer.ToArray());
    }
}
