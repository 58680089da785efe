using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MemoryFunctions.Server.Tests.Import;

/// <summary>An NDJSON body sent in two parts, the second only once the test releases it: the import is mid-way meanwhile.</summary>
internal sealed class GatedNdjson : HttpContent
{
    private readonly byte[] _first;
    private readonly byte[] _second;
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedNdjson(string first, string second)
    {
        _first = Encoding.UTF8.GetBytes(first);
        _second = Encoding.UTF8.GetBytes(second);
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    public Task FirstPartSent => _firstSent.Task;

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_first);
        await stream.FlushAsync();
        _firstSent.TrySetResult();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stream.WriteAsync(_second);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
