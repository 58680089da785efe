using MemoryFunctions.Http.Origins;

namespace MemoryFunctions.Server.Hosting;

/// <summary>Puts <see cref="ForeignOriginMiddleware"/> in front of everything the app maps (REST, MCP, OpenAPI, health), without an entry in Program.cs.</summary>
internal sealed class ForeignOriginStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ForeignOriginMiddleware>();
        next(app);
    };
}
