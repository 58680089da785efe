using System.Net;
using System.Text;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class BodyHandlingTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Post_TextPlainBody_Returns415Problem()
    {
        using var content = new StringContent("""{"text":"hi"}""", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Post_NoContentType_Returns415Problem()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"x"}"""));

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413Problem()
    {
        var json = "{\"text\":\"" + new string('a', (1024 * 1024) + 10) + "\"}";

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Post_BodyOverConfiguredLimit_Returns413Problem()
    {
        using var factory = fixture.CreateFactory(new Dictionary<string, string?> { ["Memory:Http:MaxRequestBodyBytes"] = "2048" });
        using var client = factory.CreateClient();
        var json = "{\"query\":\"" + new string('q', 4096) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync($"/api/users/{Api.NewUser()}/search", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Post_UnknownField_Returns400NamingIt()
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json("""{"text":"x","colour":"red"}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "colour");
    }

    [Theory]
    [InlineData("""{"text":"x",""")]
    [InlineData("""{"text": x}""")]
    [InlineData("""{"text":"x",}""")]
    public async Task Post_MalformedJson_Returns400MalformedJson(string json)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json(json));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
        Assert.Contains("line 1", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400MalformedJson()
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json(string.Empty));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-json", "body");
    }

    [Theory]
    [InlineData("""{"query":"x","topK":"ten"}""", "topK")]
    [InlineData("""{"query":"x","topK":1.5}""", "topK")]
    [InlineData("""{"query":"x","kinds":["gossip"]}""", "kinds[0]")]
    [InlineData("""{"query":"x","kinds":[1]}""", "kinds[0]")]
    [InlineData("""{"query":"x","createdFrom":"last week"}""", "createdFrom")]
    [InlineData("""{"query":"x","metadata":{"a":{"b":1}}}""", "metadata.a")]
    [InlineData("""{"query":"x","metadata":{"a":null}}""", "metadata.a")]
    [InlineData("""{"query":"x","explain":"yes"}""", "explain")]
    public async Task Post_WrongType_Returns400NamingTheField(string json, string field)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task Post_BodyNotAnObject_Returns400ForBody(string json)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "body");
    }
}
