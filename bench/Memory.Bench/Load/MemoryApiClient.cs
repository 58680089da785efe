using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// A plain HTTP client of the public API (no reference to the server's contract types: the driver sees what any agent
/// sees). Failures come back as short descriptions, never as exceptions, so a load run counts them and goes on.
/// </summary>
internal sealed class MemoryApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http;

    /// <param name="tenantId">Sent as <c>x-tenant-id</c> on every request (an open server serves any tenant named so).</param>
    public MemoryApiClient(Uri baseAddress, string? tenantId = null)
    {
        // One pooled connection per concurrent caller; loopback only, so no proxy lookup.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (tenantId is not null)
        {
            _http.DefaultRequestHeaders.Add("x-tenant-id", tenantId);
        }
    }

    /// <summary>POSTs <paramref name="body"/> as JSON; success is the <paramref name="expected"/> status (any of them).</summary>
    public async Task<ApiAnswer> PostAsync(string path, object body, HttpStatusCode[] expected, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = JsonType;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content }, expected, cancellationToken);
    }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), [HttpStatusCode.OK], cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, HttpStatusCode[] expected, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!expected.Contains(response.StatusCode))
                {
                    return new ApiAnswer(null, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {Shorten(text)}");
                }

                return new ApiAnswer(text.Length == 0 ? null : JsonNode.Parse(text), null);
            }
            catch (HttpRequestException exception)
            {
                return new ApiAnswer(null, $"{request.Method} {request.RequestUri}: {exception.GetType().Name} {exception.HttpRequestError}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ApiAnswer(null, $"{request.Method} {request.RequestUri}: timed out after {_http.Timeout.TotalSeconds:F0} s");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
