using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>
/// Responses in the service's shape: every one carries <c>x-ms-request-charge</c>, an activity id and a session token;
/// errors carry <c>{"code", "message"}</c> and, where the service sends one, <c>x-ms-substatus</c>
/// (https://learn.microsoft.com/rest/api/cosmos-db/http-status-codes-for-cosmosdb).
/// </summary>
public static class GatewayResponses
{
    /// <summary>The container's resource id; the SDK parses resource ids, so these are the SDK's own test values.</summary>
    public const string ContainerRid = "ccZ1ANCszwk=";

    public static HttpResponseMessage Status(HttpStatusCode status, int subStatus = 0, string? message = null, TimeSpan? retryAfter = null, double requestCharge = 0)
    {
        var response = Json(status, new JsonObject { ["code"] = status.ToString(), ["message"] = message ?? $"Gateway {(int)status}" }, requestCharge);
        if (subStatus != 0)
        {
            response.Headers.Add("x-ms-substatus", subStatus.ToString(CultureInfo.InvariantCulture));
        }

        if (retryAfter is { } wait)
        {
            response.Headers.Add("x-ms-retry-after-ms", ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>A query page: the documents and, when more follow, the continuation the gateway hands out.</summary>
    public static HttpResponseMessage Page(IEnumerable<JsonNode?> documents, string? continuation = null, double requestCharge = 2.5)
    {
        var array = new JsonArray(documents.Select(d => d?.DeepClone()).ToArray());
        var response = Json(HttpStatusCode.OK, new JsonObject { ["_rid"] = ContainerRid, ["Documents"] = array, ["_count"] = array.Count }, requestCharge);
        response.Headers.Add("x-ms-item-count", array.Count.ToString(CultureInfo.InvariantCulture));
        if (continuation is not null)
        {
            response.Headers.Add("x-ms-continuation", continuation);
        }

        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body, double requestCharge = 1) =>
        Bytes(status, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", requestCharge);

    /// <summary>A response without a body: what a write answers under <c>Prefer: return=minimal</c>, and what a delete answers.</summary>
    public static HttpResponseMessage Empty(HttpStatusCode status, double requestCharge)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        AddCommonHeaders(response, requestCharge);
        return response;
    }

    public static HttpResponseMessage Bytes(HttpStatusCode status, byte[] body, string contentType, double requestCharge)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = new HttpResponseMessage(status) { Content = content };
        AddCommonHeaders(response, requestCharge);
        return response;
    }

    private static void AddCommonHeaders(HttpResponseMessage response, double requestCharge)
    {
        response.Headers.Add("x-ms-request-charge", requestCharge.ToString("0.##", CultureInfo.InvariantCulture));
        response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
        response.Headers.Add("x-ms-session-token", "0:1#1");
    }
}
