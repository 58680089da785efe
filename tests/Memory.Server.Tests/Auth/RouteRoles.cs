namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>
/// The role each mapped route needs, as the route-enumerating tests expect it. A route the app maps that is missing here
/// fails those tests: whoever adds a route decides its role and proves the route checks its caller.
/// </summary>
internal static class RouteRoles
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>Routes that only authenticate (their partitions are checked deeper: the MCP tools, in McpScopeTests).</summary>
    public const string AuthenticatedOnly = "authenticated";

    /// <summary>Routes open to anyone: health touches no store; the OpenAPI document describes the API and holds no data.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyDictionary<string, string> ByRoute = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /api/health"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["POST /api/users/{userId}/memories"] = Write,
        ["GET /api/users/{userId}/memories"] = Read,
        ["GET /api/users/{userId}/memories/{id}"] = Read,
        ["PATCH /api/users/{userId}/memories/{id}"] = Write,
        ["DELETE /api/users/{userId}/memories/{id}"] = Write,
        ["GET /api/users/{userId}/memories/{id}/history"] = Read,
        ["POST /api/users/{userId}/search"] = Read,
        ["POST /api/users/{userId}/context"] = Read,
        ["GET /api/users/{userId}/export"] = Admin,
        ["DELETE /api/users/{userId}"] = Admin,
        ["POST /api/users/{userId}/messages"] = Write,
        ["GET /api/operations/{operationId}"] = Read,
        ["GET /api/users/{userId}/operations/{operationId}"] = Read,
        ["POST /api/eventgrid"] = Write,
        ["OPTIONS /api/eventgrid"] = Write,
        ["POST /api/mcp"] = AuthenticatedOnly,
        ["GET /api/mcp"] = AuthenticatedOnly,
        ["DELETE /api/mcp"] = AuthenticatedOnly,
    };
}
