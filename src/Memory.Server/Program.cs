using MemoryFunctions.Core;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Callbacks;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Server.Inspector;
using MemoryFunctions.Server.Mcp;

if (HelpCommand.IsRequested(args))
{
    return HelpCommand.Run(Console.Out);
}

if (KeysCommand.IsRequested(args))
{
    return KeysCommand.Run(args, Console.In, Console.Out);
}

if (StoreRepairCommand.IsRequested(args))
{
    return await StoreRepairCommand.RunAsync(args);
}

if (BackupCommand.IsRequested(args))
{
    return await BackupCommand.RunAsync(args, Console.Out);
}

if (ReembedCommand.IsRequested(args))
{
    return await ReembedCommand.RunAsync(args, Console.Out);
}

if (AuditCommand.IsRequested(args))
{
    return await AuditCommand.RunAsync(args, Console.Out);
}

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddMemoryServerDefaults();
    builder.Services.AddMemoryCore();
    builder.Services.AddMemoryBackends(builder.Configuration);
    builder.Services.AddMemoryHttp();
    builder.Services.AddCompletionCallbacks();
    builder.Services.AddMemoryOpenApi();
    builder.Services.AddMemoryMcp();

    var app = builder.Build();
    StartupReporter.Announce(app);

    app.UseMiddleware<RequestLogMiddleware>();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.MapOpenApi();
    app.MapMemoryHttpApi();
    app.MapMemoryMcp();
    app.MapInspector();

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupFailure.IsSettingsMistake(exception))
{
    return StartupFailure.Report(exception, Console.Error);
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
