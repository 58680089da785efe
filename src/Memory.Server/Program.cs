using MemoryFunctions.Core;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMemoryCore();
builder.Services.AddMemoryBackends(builder.Configuration);
builder.Services.AddMemoryHttp();
builder.Services.AddMemoryOpenApi();
builder.AddMemoryServerDefaults();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapMemoryHttpApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
