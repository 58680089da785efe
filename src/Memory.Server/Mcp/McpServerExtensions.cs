using MemoryFunctions.Http;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Mcp;

/// <summary>
/// The MCP server (streamable HTTP, stateless: every request carries its own credential and tenant, and any instance can
/// answer it) at <see cref="Route"/>, behind the same credentials and checks as the REST routes.
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
            .WithTools<MemoryTools>()
            .WithRequestFilters(filters => filters.AddCallToolFilter(McpArgumentFilter.Wrap));
        return services;
    }

    public static IEndpointConventionBuilder MapMemoryMcp(this IEndpointRouteBuilder endpoints)
    {
        // MapMcp maps request delegates, which endpoint filters do not wrap: authentication runs as middleware on the route,
        // so a caller without a valid credential cannot even list the tools. Each tool call is then authorized by the REST
        // handler it runs (RequestScope), with this request's caller.
        // The message itself is then held to the contract's JSON reading rule (McpMessageRule) before the SDK parses it.
        var authenticator = endpoints.ServiceProvider.GetRequiredService<CallerAuthenticator>();
        var maxBodyBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<MemoryHttpOptions>>().Value.MaxRequestBodyBytes;
        var mcp = endpoints.MapMcp(Route);
        mcp.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                var (caller, unauthorized) = await authenticator.AuthenticateAsync(context, context.RequestAborted);
                if (caller is null)
                {
                    await unauthorized!.ExecuteAsync(context);
                }
                else if (!await McpMessageRule.RefuseAsync(context, maxBodyBytes))
                {
                    await inner(context);
                }
            };
        });
        return mcp;
    }
}
