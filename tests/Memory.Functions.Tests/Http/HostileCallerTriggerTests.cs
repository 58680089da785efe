using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>Issue 25's hostile-caller probes against the Functions triggers, called as the worker calls them.</summary>
public sealed class HostileCallerTriggerTests(SharedFunctionsHost shared) : IClassFixture<SharedFunctionsHost>
{
    private DurableFunctionsHost Host => shared.Host;

    private MemoryHttpTriggers Memories => new(Host.Services.GetRequiredService<MemoryApiServices>());

    private static string NewUser() => "hostile-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Symptom 2: a token the store never issued, wrapped with the public checksum, is 400 cursor (was a 500).</summary>
    [Fact]
    public async Task ListMemories_ForgedCursor_400Cursor()
    {
        var user = NewUser();
        const string token = "1|not-ticks|x";
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"default\n{user}\n{token}")))[..16];
        var context = TriggerRequests.Create(Host.Services, "GET");
        context.Request.QueryString = QueryString.Create("cursor", Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{checksum}:{token}")));

        var (status, body) = await TriggerRequests.ExecuteAsync(await Memories.ListMemoriesAsync(context.Request, user, CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["cursor"]);
    }
}
