using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MemoryFunctions.Server.Tests.Import;

/// <summary>An NDJSON body without a Content-Length, so only the server's count while reading can stop it.</summary>
internal sealed class ChunkedNdjson : HttpContent
{
    private readonly byte[] _body;

    public ChunkedNdjson(string body)
    {
        _body = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        foreach (var chunk in _body.Chunk(8192))
        {
            await stream.WriteAsync(chunk);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
