using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Problems;

namespace MemoryFunctions.Server.Mcp;

/// <summary>
/// The MCP server (streamable HTTP, stateless: every request carries its own tenant, key and user, and any instance can
/// answer it) at <see cref="Route"/>, behind the same API keys as the REST routes.
/// </summary>
public static class McpServerExtensions
{
    public const string Route = MemoryHttpEndpoints.RoutePrefix + "/mcp";

    public static IServiceCollection AddMemoryMcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<McpCall>();
        services.AddMcpServer(options => options.ServerInfo = new() { Name = "memoryfunctions", Version = "1.0" })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools<MemoryTools>();
        return services;
    }

    public static IEndpointConventionBuilder MapMemoryMcp(this IEndpointRouteBuilder endpoints)
    {
        // MapMcp maps request delegates, which endpoint filters do not wrap: the key check runs as middleware on the route.
        var validator = endpoints.ServiceProvider.GetRequiredService<ApiKeyValidator>();
        var mcp = endpoints.MapMcp(Route);
        mcp.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context => validator.IsAuthorized(context.Request)
                ? inner(context)
                : ApiProblems.Unauthorized().ExecuteAsync(context);
        });
        return mcp;
    }
}
