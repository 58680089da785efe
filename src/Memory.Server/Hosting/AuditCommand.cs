using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>audit --tenant &lt;id&gt; [--limit N]</c>: prints the tenant's audit records (who exported or erased which user, when,
/// how it ended), newest first, one JSON object per line, from the store the server is configured with (the embedded
/// store's directory, which the server must not hold open, or Cosmos DB with the operator's own Entra credential), then
/// exits. An operator's tool: no HTTP route serves the trail until an admin role guards it (docs/security.md).
/// </summary>
public static class AuditCommand
{
    public const string Verb = "audit";
    private const int DefaultLimit = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var configuration = WebApplication.CreateBuilder(args[1..]).Configuration;
        var tenant = configuration["tenant"];
        if (tenant is null || !IdRules.IsValid(tenant) || !int.TryParse(configuration["limit"] ?? $"{DefaultLimit}", out var limit) || limit < 1)
        {
            await output.WriteLineAsync($"Usage: {Verb} --tenant <tenant id> [--limit <1 or more, default {DefaultLimit}>]. {IdRules.Describe("tenant")}");
            return 2;
        }

        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddMemoryCore().AddMemoryBackends(configuration);
        await using var provider = services.BuildServiceProvider();
        foreach (var record in await provider.GetRequiredService<IAuditLog>().ReadAsync(tenant, limit))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(record, Json));
        }

        return 0;
    }
}
