using System.Text.RegularExpressions;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;

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
            "file" => "inspector.js",
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
            request.Content = method == "POST" ? Api.Json(RouteRoles.EventFor(tenant, user)) : null;
        }
        else
        {
            request.Headers.Add("x-tenant-id", tenant);
            request.Content = method is "POST" or "PATCH" ? Api.Json(RouteRoles.AnyBody) : null;
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

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
