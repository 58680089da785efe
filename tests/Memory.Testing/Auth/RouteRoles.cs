namespace MemoryFunctions.Testing.Auth;

/// <summary>
/// The role each route needs, by the name both hosts give it (the server's endpoint name is the Functions app's function
/// name; the route parity test holds them equal), or <c>METHOD pattern</c> for the server's unnamed endpoints. The
/// route-enumerating tests of both hosts read it: a route that is missing here fails them, so whoever adds a route
/// decides its role and proves that its handler checks the caller.
/// </summary>
public static class RouteRoles
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>Routes that only authenticate (the MCP transport: each tool is authorized by the REST handler it runs).</summary>
    public const string AuthenticatedOnly = "authenticated";

    /// <summary>Routes open to anyone: health touches no store; the OpenAPI document describes the API and the inspector's files are a page; neither holds data.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Health"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,

        // The inspector's page holds no data and no credential; everything it shows comes through the routes below.
        ["InspectorHome"] = Anonymous,
        ["InspectorPage"] = Anonymous,
        ["CreateMemory"] = Write,
        ["ImportMemories"] = Write,
        ["ListMemories"] = Read,
        ["GetMemory"] = Read,
        ["UpdateMemory"] = Write,
        ["DeleteMemory"] = Write,
        ["GetMemoryHistory"] = Read,
        ["SearchMemories"] = Read,
        ["BuildContext"] = Read,
        ["ExportUser"] = Admin,
        ["EraseUser"] = Admin,
        ["SubmitMessages"] = Write,
        ["GetOperation"] = Read,
        ["GetUserOperation"] = Read,
        ["ListOperations"] = Read,
        ["ReadAudit"] = Admin,
        ["ListUsers"] = Read,
        ["ReceiveEventGridEvents"] = Write,
        ["EventGridAbuseProtection"] = Write,
        ["POST /api/mcp"] = AuthenticatedOnly,
        ["GET /api/mcp"] = AuthenticatedOnly,
        ["DELETE /api/mcp"] = AuthenticatedOnly,
    };

    /// <summary>Whether the route names a tenant and user (the Event Grid handshake, the tenant-wide routes and the MCP transport do not).</summary>
    public static bool NamesAPartition(string name, string role) =>
        role is Read or Write or Admin && name != "EventGridAbuseProtection" && !IsTenantWide(name);

    /// <summary>Routes over the whole tenant (its audit trail, its users): a credential bound to one user never passes them.</summary>
    public static bool IsTenantWide(string name) => name is "ReadAudit" or "ListUsers";

    /// <summary>An Event Grid delivery of one conversation event for <paramref name="tenant"/> and <paramref name="user"/>.</summary>
    public static string EventFor(string tenant, string user) =>
        $$$"""[{"id":"probe-{{{Guid.NewGuid():N}}}","subject":"conversations/probe","eventType":"MemoryFunctions.Conversation.Turns","eventTime":"2026-11-20T09:30:00Z","dataVersion":"1","data":{"tenantId":"{{{tenant}}}","userId":"{{{user}}}","messages":[{"role":"user","content":"I like probes."}]}}]""";

    /// <summary>A body every body-reading route parses (unknown fields make it a 400, which is fine: the caller is checked first).</summary>
    public const string AnyBody = """{"text":"probe","query":"probe","messages":[{"role":"user","content":"probe"}]}""";
}
