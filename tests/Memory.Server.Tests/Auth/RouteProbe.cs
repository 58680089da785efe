using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>
/// A request to one mapped route that addresses a given tenant and user the way that route names them: the
/// <c>x-tenant-id</c> header and the route's user, or (Event Grid) the event's <c>tenantId</c> and <c>userId</c>.
/// </summary>
internal static partial class RouteProbe
{
    public static HttpRequestMessage Build(string method, string pattern, string tenant, string user, string? key = null, string? bearer = null)
    {
        var url = Parameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "userId" => user,
            "id" => "mem_probe",
            "operationId" => "op_probe",
            "documentName" => "v1",
            var other => throw new InvalidOperationException($"No probe value for route parameter '{other}' in {pattern}: add one."),
        });
        if (pattern == "/api/operations/{operationId}")
        {
            url += "?userId=" + user;
        }

        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (pattern.EndsWith("/eventgrid", StringComparison.Ordinal))
        {
            request.Headers.Add("aeg-event-type", "Notification");
            request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
            if (method == "POST")
            {
                request.Content = Support.Api.Json(new JsonArray(Event(tenant, user)).ToJsonString());
            }
        }
        else
        {
            request.Headers.Add("x-tenant-id", tenant);
            if (method is "POST" or "PATCH")
            {
                request.Content = Support.Api.Json("""{"text":"probe","query":"probe","messages":[{"role":"user","content":"probe"}]}""");
            }
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return request;
    }

    private static JsonObject Event(string tenant, string user) => new()
    {
        ["id"] = "probe-" + Guid.NewGuid().ToString("N")[..8],
        ["subject"] = "conversations/probe",
        ["eventType"] = "MemoryFunctions.Conversation.Turns",
        ["eventTime"] = "2026-11-20T09:30:00Z",
        ["dataVersion"] = "1",
        ["data"] = new JsonObject
        {
            ["tenantId"] = tenant,
            ["userId"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "I like probes." }),
        },
    };

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
