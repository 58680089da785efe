using System.Text.Json;
using MemoryFunctions.Http.Json;

namespace MemoryFunctions.Server.Mcp;

/// <summary>
/// Holds JSON-RPC messages to the contract's JSON reading rule before the MCP SDK parses them: a repeated key (tool
/// arguments compared ignoring case, as the SDK binds them) is refused with 400 and a JSON-RPC error naming it, instead
/// of the SDK taking the last value (or failing with -32603 when the repeated key is <c>name</c>).
/// </summary>
internal static class McpMessageRule
{
    /// <summary>JSON-RPC "Invalid params": the repeated key is inside <c>params</c>.</summary>
    private const int InvalidParams = -32602;

    /// <summary>JSON-RPC "Invalid Request": the repeated key is in the message envelope.</summary>
    private const int InvalidRequest = -32600;

    /// <summary>True when the request was refused (and answered); the body is rewound for the SDK otherwise.</summary>
    public static async Task<bool> RefuseAsync(HttpContext context, long maxBodyBytes)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.ContentLength > maxBodyBytes)
        {
            return false;
        }

        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (RepeatedKeys.Find(body.GetBuffer().AsSpan(0, (int)body.Length)) is not var (path, key))
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        var code = path.StartsWith("$.params", StringComparison.Ordinal) ? InvalidParams : InvalidRequest;
        await JsonSerializer.SerializeAsync(
            context.Response.Body,
            new { jsonrpc = "2.0", id = (object?)null, error = new { code, message = RepeatedKeys.Describe(path, key) } },
            cancellationToken: context.RequestAborted);
        return true;
    }
}
