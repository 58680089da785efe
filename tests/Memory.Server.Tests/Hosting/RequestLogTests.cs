using MemoryFunctions.Server.Tests.Auth;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>One structured line per request, with the route template, status, tenant and credential name; no body, id or key.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class RequestLogTests(MemoryServerFixture fixture)
{
    private const string Key = "request-log-key-0b6f2e";

    [Fact]
    public async Task EachRequest_OneLineWithRouteTemplateStatusTenantAndCredential_NoBodyIdsOrKey()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = fixture.CreateFactory(TestKeys.Settings([new TestKey("logger", Key, ["log-tenant"], null, "write")]), services => services.AddSingleton<ILoggerProvider>(capture));
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        using var create = Api.Request(HttpMethod.Post, $"/api/users/{user}/memories", """{"text":"Secret-ish memory text 81f3"}""");
        create.Headers.Add("x-functions-key", Key);
        create.Headers.Add("x-tenant-id", "log-tenant");
        using var missing = Api.Request(HttpMethod.Get, $"/api/users/{user}/memories/nothing-here");
        missing.Headers.Add("x-functions-key", Key);

        using var created = await client.SendAsync(create);
        using var notFound = await client.SendAsync(missing);

        // The message and its values; the host's own request scope (RequestPath) is not this line's doing.
        var lines = capture.Entries.Where(entry => entry.Contains("(4002)", StringComparison.Ordinal))
            .Select(entry => string.Join('\n', entry.Split('\n').Where(part => !part.StartsWith("scope: ", StringComparison.Ordinal)))).ToList();
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].Contains("POST /api/users/{userId}/memories -> 201", StringComparison.Ordinal), lines[0]);
        Assert.Contains("tenant log-tenant, credential key:", lines[0], StringComparison.Ordinal);
        Assert.Contains("GET /api/users/{userId}/memories/{id} -> 404", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("[Information]", lines[1], StringComparison.Ordinal);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(user, line, StringComparison.Ordinal);
            Assert.DoesNotContain("81f3", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, line, StringComparison.Ordinal);
        });
    }
}
