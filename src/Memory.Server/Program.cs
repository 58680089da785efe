using MemoryFunctions.Core;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Server.Mcp;

if (KeysCommand.IsRequested(args))
{
    return KeysCommand.Run(args, Console.In, Console.Out);
}

if (StoreRepairCommand.IsRequested(args))
{
    return await StoreRepairCommand.RunAsync(args);
}

if (AuditCommand.IsRequested(args))
{
    return await AuditCommand.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMemoryCore();
builder.Services.AddMemoryBackends(builder.Configuration);
builder.Services.AddMemoryHttp();
builder.Services.AddMemoryOpenApi();
builder.Services.AddMemoryMcp();
builder.AddMemoryServerDefaults();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapMemoryHttpApi();
app.MapMemoryMcp();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
