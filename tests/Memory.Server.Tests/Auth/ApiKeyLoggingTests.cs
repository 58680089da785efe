using System.Net;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>API keys, right or wrong, in the header or in <c>?code=</c>, never reach a log message, value or scope, at any level.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class ApiKeyLoggingTests(MemoryServerFixture fixture)
{
    private const string Key = "right-key-5f0c9a77e1";
    private const string WrongKey = "wrong-key-8b1d2e33c4";

    [Fact]
    public async Task AnyRequest_KeysInHeaderAndQuery_NoKeyInAnyLogEntryAtTrace()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = fixture.CreateFactory(
            new Dictionary<string, string?>(TestKeys.Unscoped(Key))
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            },
            services => services.AddSingleton<ILoggerProvider>(capture));
        using var client = factory.CreateClient();
        var user = Api.NewUser();

        foreach (var key in new[] { Key, WrongKey })
        {
            using var header = Api.Request(HttpMethod.Post, $"/api/users/{user}/memories", $$"""{"text":"logged {{key[..5]}}"}""");
            header.Headers.Add("x-functions-key", key);
            using var headerResponse = await client.SendAsync(header);
            using var query = await client.GetAsync($"/api/users/{user}/memories?code={key}&pageSize=5");
            using var badQuery = await client.GetAsync($"/api/users/{user}/memories?code={key}&pageSize=oops");
            using var unknownRoute = await client.GetAsync($"/api/nowhere?code={key}");
            using var encoded = await client.GetAsync($"/api/users/{user}/export?x=1&CODE={Uri.EscapeDataString(key)}");
            // Redaction must not cost the key its effect: the query key still authorises, or is still refused.
            var expected = key == Key ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            Assert.Equal(key == Key ? HttpStatusCode.Created : HttpStatusCode.Unauthorized, headerResponse.StatusCode);
            Assert.Equal(expected, query.StatusCode);
            Assert.Equal(expected, encoded.StatusCode);
        }

        Assert.NotEmpty(capture.Entries);
        Assert.Contains(capture.Entries, entry => entry.Contains("/api/users/", StringComparison.Ordinal));
        foreach (var entry in capture.Entries)
        {
            Assert.False(entry.Contains(Key, StringComparison.Ordinal), $"The right key was logged: {entry}");
            Assert.False(entry.Contains(WrongKey, StringComparison.Ordinal), $"A wrong key was logged: {entry}");
        }
    }
}
