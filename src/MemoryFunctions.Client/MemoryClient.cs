using System.Net.Http.Json;
using MemoryFunctions.Client.Models;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Client;

/// <summary>
/// Typed client over the MemoryFunctions HTTP API, the same for the local server and the Functions app. Every call sees
/// one tenant (<see cref="MemoryClientOptions.TenantId"/>) and one user; errors arrive as <see cref="MemoryApiException"/>s
/// carrying the problem+json type, detail and field errors. Register it with <c>services.AddMemoryClient(...)</c>.
/// </summary>
public sealed partial class MemoryClient(HttpClient httpClient, IOptions<MemoryClientOptions> options)
{
    private readonly OperationPolling _defaultPolling = options.Value.Polling;

    public Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync<HealthStatus>(HttpMethod.Get, "health", content: null, cancellationToken);

    /// <summary>Stores a memory directly. The same text for the same user and agent returns the stored memory instead of a copy.</summary>
    public Task<Memory> CreateMemoryAsync(string userId, NewMemory memory, CancellationToken cancellationToken = default) =>
        SendAsync<Memory>(HttpMethod.Post, User(userId, "memories"), JsonContent.Create(memory, options: MemoryClientJson.Options), cancellationToken);

    public Task<Memory> GetMemoryAsync(string userId, string memoryId, bool includeEmbedding = false, CancellationToken cancellationToken = default) =>
        SendAsync<Memory>(
            HttpMethod.Get, User(userId, $"memories/{Escape(memoryId)}") + (includeEmbedding ? "?includeEmbedding=true" : string.Empty), content: null, cancellationToken);

    /// <param name="ifMatch">The memory's <see cref="Memory.Etag"/>: the update is refused (412) when someone changed it since.</param>
    public Task<Memory> UpdateMemoryAsync(string userId, string memoryId, MemoryPatch patch, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendAsync<Memory>(
            HttpMethod.Patch, User(userId, $"memories/{Escape(memoryId)}"), JsonContent.Create(patch, options: MemoryClientJson.Options), cancellationToken, ifMatch);

    /// <summary>Deletes one memory; its history stays.</summary>
    public async Task DeleteMemoryAsync(string userId, string memoryId, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, User(userId, $"memories/{Escape(memoryId)}"), content: null, cancellationToken, ifMatch);
    }

    public Task<MemoryHistory> GetHistoryAsync(string userId, string memoryId, CancellationToken cancellationToken = default) =>
        SendAsync<MemoryHistory>(HttpMethod.Get, User(userId, $"memories/{Escape(memoryId)}/history"), content: null, cancellationToken);

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string userId, SearchQuery query, CancellationToken cancellationToken = default) =>
        (await SendAsync<SearchPage>(HttpMethod.Post, User(userId, "search"), JsonContent.Create(query, options: MemoryClientJson.Options), cancellationToken)).Results;

    /// <summary>The prompt-ready block of what is known about the user that is relevant to <see cref="ContextQuery.Query"/>, fenced as data.</summary>
    public Task<MemoryContext> GetContextAsync(string userId, ContextQuery query, CancellationToken cancellationToken = default) =>
        SendAsync<MemoryContext>(HttpMethod.Post, User(userId, "context"), JsonContent.Create(query, options: MemoryClientJson.Options), cancellationToken);

    /// <summary>Everything stored about the user: memories (superseded ones too), history and operations.</summary>
    public Task<UserExport> ExportUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<UserExport>(HttpMethod.Get, User(userId, "export"), content: null, cancellationToken);

    private static string User(string userId, string rest) => $"users/{Escape(userId)}/{rest}";

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        return Uri.EscapeDataString(segment);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken, ifMatch);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await httpClient.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(MemoryClientJson.Options, cancellationToken)
        ?? throw new MemoryApiException(response.StatusCode, new ApiProblem(null, "Empty response", $"The API answered {(int)response.StatusCode} without a body.", new Dictionary<string, string[]>()));

    private sealed record SearchPage(IReadOnlyList<SearchResult> Results);
}
