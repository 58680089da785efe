using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Testing.ModelServer;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (Kestrel, port 0) for tests without the internet: POST
/// <c>/v1/chat/completions</c> and <c>/v1/embeddings</c> (also under <c>/openai/v1/</c>, the Azure OpenAI v1 path).
/// Chat answers are scripted; embeddings are deterministic vectors of the requested size; faults are injected in order.
/// Usage is reported as the scripted-server estimate: prompt tokens = ceil(characters of every message content plus the
/// response_format JSON / 4), completion tokens = ceil(characters of the answer / 4); embeddings: ceil(input chars / 4).
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    public const int DefaultDimensions = 1536;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _chatAnswers = new();
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    private ScriptedModelServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The OpenAI-style base URL (what Memory:OpenAI:Endpoint is set to for a compatible server).</summary>
    public Uri V1 => new(BaseUri, "v1");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="certificate">When given, the server speaks HTTPS with it (bearer tokens are only sent over TLS).</param>
    public static async Task<ScriptedModelServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new ScriptedModelServer(app);
        foreach (var prefix in new[] { "/v1", "/openai/v1" })
        {
            app.MapPost(prefix + "/chat/completions", (Delegate)server.ChatAsync);
            app.MapPost(prefix + "/embeddings", (Delegate)server.EmbeddingsAsync);
        }

        // The routes AzureOpenAIClient calls on a resource endpoint (deployment in the path, api-version in the query).
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (Delegate)server.ChatAsync);
        app.MapPost("/openai/deployments/{deployment}/embeddings", (Delegate)server.EmbeddingsAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void EnqueueChat(params string[] answers)
    {
        foreach (var answer in answers)
        {
            _chatAnswers.Enqueue(answer);
        }
    }

    /// <summary>The next request (chat or embeddings) fails with <paramref name="status"/>.</summary>
    public void EnqueueFault(int status, int? retryAfterSeconds = null) => _faults.Enqueue((status, retryAfterSeconds));

    /// <summary>The next request is answered only after <paramref name="delay"/> (to provoke client timeouts).</summary>
    public void EnqueueDelay(TimeSpan delay) => _delays.Enqueue(delay);

    public void Reset()
    {
        _delays.Clear();
        _chatAnswers.Clear();
        _faults.Clear();
        _requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int EstimateTokens(int characters) => (characters + 3) / 4;

    private async Task<IResult> ChatAsync(HttpContext context)
    {
        var body = await RecordAsync(context);
        if (!await DelayAsync(context))
        {
            return Results.Empty;
        }

        if (NextFault(context) is { } fault)
        {
            return fault;
        }

        if (!_chatAnswers.TryDequeue(out var answer))
        {
            return Error(400, "no scripted answer left");
        }

        var request = _requests.Last();
        var promptCharacters = request.MessageContents.Sum(c => c.Length)
            + (body.TryGetProperty("response_format", out var format) ? format.GetRawText().Length : 0);
        var promptTokens = EstimateTokens(promptCharacters);
        var completionTokens = EstimateTokens(answer.Length);
        var response = new JsonObject
        {
            ["id"] = $"chatcmpl-{_requests.Count}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = body.GetProperty("model").GetString(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer, ["refusal"] = null },
                ["finish_reason"] = "stop",
                ["logprobs"] = null,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }

    private async Task<IResult> EmbeddingsAsync(HttpContext context)
    {
        var body = await RecordAsync(context);
        if (!await DelayAsync(context))
        {
            return Results.Empty;
        }

        if (NextFault(context) is { } fault)
        {
            return fault;
        }

        var input = body.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.String ? [input.GetString()!] : input.EnumerateArray().Select(e => e.GetString()!).ToList();
        var dimensions = body.TryGetProperty("dimensions", out var d) ? d.GetInt32() : DefaultDimensions;
        var base64 = body.TryGetProperty("encoding_format", out var encoding) && encoding.GetString() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = Vector(texts[i], dimensions);
            JsonNode embedding = base64
                ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray())
                : new JsonArray(vector.Select(x => (JsonNode)x).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = EstimateTokens(texts.Sum(t => t.Length));
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body.GetProperty("model").GetString(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }

    /// <summary>Deterministic unit vector: the same text always gives the same vector.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var seed = text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
        var random = new Random(seed);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }

    private async Task<JsonElement> RecordAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var body = document.RootElement.Clone();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["api-key"].FirstOrDefault(), body, DateTimeOffset.UtcNow,
            context.Request.QueryString.Value ?? string.Empty));
        return body;
    }

    /// <summary>
    /// Waits out a scripted delay. Returns false when the client gave up meanwhile: such a request must not consume
    /// scripted answers or faults, which by then belong to the retry or to the next test.
    /// </summary>
    private async Task<bool> DelayAsync(HttpContext context)
    {
        if (_delays.TryDequeue(out var delay))
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, which is the point.
            }
        }

        return !context.RequestAborted.IsCancellationRequested;
    }

    private IResult? NextFault(HttpContext context)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            return null;
        }

        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Error(fault.Status, $"injected fault {fault.Status}");
    }

    private static IResult Error(int status, string message) => Results.Content(
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "test_error", ["code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } }.ToJsonString(),
        "application/json",
        statusCode: status);
}
