using System.Net;
using MemoryFunctions.Server.Tests.Mcp;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptom 2: a cursor that does not decode or verify is 400 <c>cursor</c> on the REST list and a tool error
/// naming the cursor on MCP <c>list_memories</c>, never a 5xx; with <c>Memory:Http:CursorKeys</c> a cursor wrapped with
/// the public checksum does not verify at all.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class ForgedCursorTests(MemoryServerFixture fixture)
{
    private const string Tenant = "default";

    [Fact]
    public async Task List_TokenTheStoreNeverIssuedWrappedWithThePublicChecksum_400Cursor()
    {
        var user = Api.NewUser();
        using var client = fixture.CreateClient();
        await client.CreateMemoryAsync(user, """{"text":"Listed once"}""");

        using var response = await client.GetAsync($"/api/users/{user}/memories?cursor={ForgedCursors.Wrapped(Tenant, user)}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "cursor");
    }

    [Theory]
    [MemberData(nameof(ForgedCursors.Garbage), MemberType = typeof(ForgedCursors))]
    public async Task List_GarbageCursor_400Cursor(string cursor)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/users/{Api.NewUser()}/memories?cursor={Uri.EscapeDataString(cursor)}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "cursor");
    }

    [Fact]
    public async Task List_WithCursorKeys_PublicChecksumForgeryRefusedAndRealCursorsStillPage()
    {
        var factory = fixture.CreateFactory(new Dictionary<string, string?> { ["Memory:Http:CursorKeys:0"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray()) });
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        await client.CreateMemoryAsync(user, """{"text":"First of two"}""");
        await client.CreateMemoryAsync(user, """{"text":"Second of two"}""");

        using var forged = await client.GetAsync($"/api/users/{user}/memories?cursor={ForgedCursors.Wrapped(Tenant, user, "1|0|x")}");
        await forged.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "cursor");

        using var first = await client.GetAsync($"/api/users/{user}/memories?pageSize=1");
        var next = (string?)(await first.ReadJsonAsync())["nextCursor"];
        Assert.NotNull(next);
        using var second = await client.GetAsync($"/api/users/{user}/memories?pageSize=1&cursor={next}");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single((await second.ReadJsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task McpListMemories_ForgedOrGarbageCursor_ToolErrorNamingTheCursor()
    {
        var user = Api.NewUser();
        await using var mcp = await McpSessions.ConnectAsync(fixture.Factory, new Dictionary<string, string>());

        foreach (var cursor in new[] { ForgedCursors.Wrapped(Tenant, user), "!!!" })
        {
            var error = await McpSessions.CallErrorAsync(mcp, "list_memories", new() { ["userId"] = user, ["cursor"] = cursor });

            Assert.Contains("[cursor]", error, StringComparison.Ordinal);
        }
    }
}
