using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MemoryFunctions.Core;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Endpoints;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>audit --tenant &lt;id&gt; [--limit N] [--url http://127.0.0.1:7071] [--key K]</c>: prints the tenant's audit records
/// (who exported or erased which user, when, how it ended), newest first, one JSON object per line, then exits. It asks
/// the running server first (<c>GET /api/audit</c>, an admin key from <c>--key</c> or <c>MEMORY_API_KEY</c> when the
/// server has keys), because a running server holds the embedded store; only when nothing answers at the URL does it read
/// the configured store itself (the embedded store's directory, or Cosmos DB with the operator's own Entra credential).
/// </summary>
public static class AuditCommand
{
    public const string Verb = "audit";
    public const string KeyVariable = "MEMORY_API_KEY";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var configuration = WebApplication.CreateBuilder(args[1..]).Configuration;
        var tenant = configuration["tenant"];
        if (tenant is null || !IdRules.IsValid(tenant) || !int.TryParse(configuration["limit"] ?? $"{AuditApi.DefaultLimit}", out var limit) || limit < 1 || limit > AuditApi.MaxLimit)
        {
            await output.WriteLineAsync($"Usage: {Verb} --tenant <tenant id> [--limit <1..{AuditApi.MaxLimit}, default {AuditApi.DefaultLimit}>] [--url <server, default {DefaultUrl(configuration)}>] [--key <admin key, or ${KeyVariable}>]. {IdRules.Describe("tenant")}");
            return 2;
        }

        var url = new Uri(configuration["url"] ?? DefaultUrl(configuration));
        using var client = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            return await FromServerAsync(client, tenant, limit, configuration["key"] ?? Environment.GetEnvironmentVariable(KeyVariable), output);
        }
        catch (HttpRequestException error) when (error.InnerException is SocketException)
        {
            // Nothing listens there: the store is free to open.
        }

        try
        {
            return await FromStoreAsync(configuration, tenant, limit, output);
        }
        catch (IOException error)
        {
            await output.WriteLineAsync($"The store is held by another process (a server?) but nothing answered at {url}: {error.Message} Pass --url with the server's address, or stop the server.");
            return 1;
        }
    }

    private static string DefaultUrl(ConfigurationManager configuration) =>
        (configuration["Urls"] ?? "http://127.0.0.1:7071").Split(';')[0];

    private static async Task<int> FromServerAsync(HttpClient client, string tenant, int limit, string? key, TextWriter output)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{MemoryHttpEndpoints.RoutePrefix}/audit?limit={limit}");
        request.Headers.Add(MemoryHeaders.TenantId, tenant);
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Add(MemoryHeaders.FunctionsKey, key);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode)
        {
            await output.WriteLineAsync($"The server at {client.BaseAddress} refused: {(int)response.StatusCode} {(string?)body?["detail"]}{(key is null ? $" (pass an admin key with --key or {KeyVariable})" : string.Empty)}");
            return 1;
        }

        foreach (var record in body!["records"]!.AsArray())
        {
            await output.WriteLineAsync(record!.ToJsonString());
        }

        return 0;
    }

    private static async Task<int> FromStoreAsync(IConfiguration configuration, string tenant, int limit, TextWriter output)
    {
        var services = new ServiceCollection().AddSingleton(configuration).AddLogging();
        services.AddMemoryCore().AddMemoryBackends(configuration);
        await using var provider = services.BuildServiceProvider();
        foreach (var record in await provider.GetRequiredService<IAuditLog>().ReadAsync(tenant, limit))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(record, Json));
        }

        return 0;
    }
}
