using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>What <c>keys new</c> prints is pasted as is: the environment variables (and the JSON) admit the key, at its scope only.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class KeysConfigurationTests(MemoryServerFixture fixture)
{
    [Fact]
    public async Task New_PrintedEnvironmentVariables_AdmitTheKeyAtItsTenantAndRoleOnly()
    {
        var output = Run(["keys", "new", "--id", "agent-7", "--tenant", "acme", "--role", "write"]);
        var key = output.Split('\n').Single(line => line.StartsWith("key:", StringComparison.Ordinal))[4..].Trim();
        var settings = output.Split('\n')
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Trim().Split('=', 2))
            .ToDictionary(pair => pair[0].Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair[1]);
        using var factory = fixture.CreateFactory(settings);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        var user = Api.NewUser();

        using var created = await client.PostAsync($"/api/users/{user}/memories", Api.Json("""{"text":"Pasted keys work"}"""));
        using var otherTenant = Api.Request(HttpMethod.Get, $"/api/users/{user}/memories");
        otherTenant.Headers.Add("x-tenant-id", "globex");
        using var refused = await client.SendAsync(otherTenant);
        using var erase = await client.DeleteAsync($"/api/users/{user}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);
        Assert.Equal("acme", settings["Memory:Auth:Keys:0:Tenants:0"]);
    }

    [Fact]
    public void New_PrintedJson_HoldsTheSameEntry()
    {
        var output = Run(["keys", "new", "--user", "alice", "--role", "read"]);
        var hash = output.Split('\n').Single(line => line.StartsWith("hash:", StringComparison.Ordinal))[5..].Trim();

        var json = JsonNode.Parse(output[output.IndexOf("\n{", StringComparison.Ordinal)..])!;

        Assert.Equal(hash, (string?)json["Hash"]);
        Assert.Equal("agent-1", (string?)json["Id"]);
        Assert.Equal("default", (string?)json["Tenants"]![0]);
        Assert.Equal("alice", (string?)json["User"]);
        Assert.Equal("Read", (string?)json["Role"]);
        Assert.DoesNotContain(output.Split('\n').Single(line => line.StartsWith("key:", StringComparison.Ordinal))[4..].Trim(), output[output.IndexOf("export", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role", "owner")]
    [InlineData("--role", "0")]
    [InlineData("--tenant", "bad tenant")]
    [InlineData("--colour", "blue")]
    public void New_BadOption_Exit2SayingWhy(string option, string value)
    {
        using var writer = new StringWriter();

        var exit = KeysCommand.Run(["keys", "new", option, value], new StringReader(string.Empty), writer);

        Assert.Equal(2, exit);
        Assert.Contains(option, writer.ToString(), StringComparison.Ordinal);
    }

    private static string Run(string[] args)
    {
        using var writer = new StringWriter();
        Assert.Equal(0, KeysCommand.Run(args, new StringReader(string.Empty), writer));
        return writer.ToString();
    }
}
