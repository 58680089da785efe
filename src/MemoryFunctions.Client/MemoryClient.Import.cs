using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client;

public sealed partial class MemoryClient
{
    /// <summary>
    /// Imports <paramref name="memories"/> in one streamed request (<c>POST /users/{userId}/imports</c>, one NDJSON line
    /// each, enumerated while sending) and returns the last report: <c>completed</c>, or <c>stopped</c> with the reason.
    /// Lines the server refuses are listed by number in <see cref="ImportReport.Errors"/>; the others are kept. Idempotent:
    /// run it again after a cut connection (passing the last report's <see cref="ImportReport.CommittedThroughLine"/> as
    /// <paramref name="afterLine"/> skips what was settled). For large imports give the client a longer attempt timeout
    /// than the resilience handler's default, and an enumerable that can be enumerated again (a retry sends it again).
    /// </summary>
    public async Task<ImportReport> ImportMemoriesAsync(
        string userId, IEnumerable<NewMemory> memories, long afterLine = 0, IProgress<ImportReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memories);
        ArgumentOutOfRangeException.ThrowIfNegative(afterLine);
        var path = User(userId, "imports") + (afterLine > 0 ? string.Create(CultureInfo.InvariantCulture, $"?afterLine={afterLine}") : string.Empty);
        using var response = await SendRawAsync(HttpMethod.Post, path, new NdjsonContent(memories), cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        ImportReport? last = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            last = JsonSerializer.Deserialize<ImportReport>(line, MemoryClientJson.Options);
            if (last is { Type: "progress" })
            {
                progress?.Report(last);
            }
        }

        return last is { Type: not "progress" }
            ? last
            : throw new MemoryApiException(response.StatusCode, new ApiProblem(null, "Import cut off", "The import's report stream ended before its last report; run the import again (it is idempotent).", new Dictionary<string, string[]>()));
    }

    /// <summary>The memories as NDJSON, serialized as they are sent, so a large import is never held whole in memory.</summary>
    private sealed class NdjsonContent : HttpContent
    {
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly IEnumerable<NewMemory> _memories;

        public NdjsonContent(IEnumerable<NewMemory> memories)
        {
            _memories = memories;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var memory in _memories)
            {
                await JsonSerializer.SerializeAsync(stream, memory, MemoryClientJson.Options);
                await stream.WriteAsync(NewLine);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
