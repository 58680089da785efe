using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Properties;

public sealed partial class ApiStateMachine
{
    private const int PollMilliseconds = 20;
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(90);

    private async Task<Reply> SendAsync(int partition, HttpMethod method, string url, string? json = null, Action<HttpRequestMessage>? headers = null)
    {
        using var request = Api.Request(method, url, json, ApiModel.Partitions[partition].Tenant);
        headers?.Invoke(request);
        using var response = await _server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var reply = new Reply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
        Expect((int)response.StatusCode < 500, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return reply;
    }

    private async Task<JsonNode> GetOkAsync(int partition, string url)
    {
        var reply = await SendAsync(partition, HttpMethod.Get, url);
        Expect(reply.Status == HttpStatusCode.OK, $"GET {url}: {(int)reply.Status} {reply.Text}");
        return reply.Body!;
    }

    /// <summary>Polls each operation of the partition's current generation until it has ended.</summary>
    private async Task SettleAsync(int partition)
    {
        var started = DateTime.UtcNow;
        foreach (var operation in _model.CurrentOperations(partition).ToList())
        {
            while (true)
            {
                var reply = await SendAsync(partition, HttpMethod.Get, $"{_model.UserPath(partition)}/operations/{operation.Id}");
                if (reply.Status != HttpStatusCode.OK || (string?)reply.Body!["status"] is "succeeded" or "failed" or "cancelled")
                {
                    break;
                }

                Expect(DateTime.UtcNow - started < SettleBound, $"operation {operation.Id} did not end within {SettleBound.TotalSeconds} s: {reply.Text}");
                await Task.Delay(PollMilliseconds);
            }
        }
    }

    private static void IfMatch(HttpRequestMessage request, string etag)
    {
        if (etag == "*")
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        }
        else
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }
    }

    private void Expect(bool condition, string message)
    {
        if (!condition)
        {
            Assert.Fail($"After step {_stepNumber} ({_currentStep}): {message}");
        }
    }

    private readonly record struct Reply(HttpStatusCode Status, JsonNode? Body, string Text);
}
