using System.Text;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Tests.Endpoints;

/// <summary>Handlers called the way an Azure Functions trigger calls them: a bare HttpRequest, no routing, no model binding.</summary>
public sealed class HandlerDirectCallTests
{
    private readonly InMemoryMemoryStore _store = new();
    private readonly MemoryApiServices _services;

    public HandlerDirectCallTests()
    {
        _services = TestApiServices.Create(_store);
    }

    [Fact]
    public async Task CreateMemoryAsync_ValidBody_ReturnsCreatedWithLocationAndSetsETag()
    {
        var request = JsonRequest("""{"text":"Likes sushi"}""");

        var result = await MemoryApi.CreateMemoryAsync(request, "u1", _services);

        var created = Assert.IsType<Created<MemoryResponse>>(result.Result);
        Assert.Equal($"/api/users/u1/memories/{created.Value!.Id}", created.Location);
        Assert.Equal(created.Value.ETag, request.HttpContext.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task CreateMemoryAsync_TenantHeader_WritesIntoThatTenant()
    {
        var request = JsonRequest("""{"text":"Tenant scoped"}""");
        request.Headers["x-tenant-id"] = "acme";

        var result = await MemoryApi.CreateMemoryAsync(request, "u1", _services);

        var id = Assert.IsType<Created<MemoryResponse>>(result.Result).Value!.Id;
        Assert.NotNull(await _store.GetAsync(new("acme", "u1"), id));
        Assert.Null(await _store.GetAsync(new("default", "u1"), id));
    }

    [Fact]
    public async Task ListMemoriesAsync_CursorTheStoreRejects_ValidationProblemOnCursor()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = QueryString.Create("cursor", _services.Cursors.Encode(new("default", "u1"), "not-a-token-of-this-store")!);

        var result = await MemoryApi.ListMemoriesAsync(context.Request, "u1", _services);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Contains("cursor", ((HttpValidationProblemDetails)problem.ProblemDetails).Errors.Keys);
    }

    [Fact]
    public async Task SearchAsync_UnknownField_ReturnsValidationProblem()
    {
        var result = await SearchApi.SearchAsync(JsonRequest("""{"query":"x","k":3}"""), "u1", _services);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(ProblemTypes.Validation, problem.ProblemDetails.Type);
        Assert.Contains("'k'", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMemoryAsync_BadUserId_ReturnsValidationProblemBeforeTouchingTheStore()
    {
        var result = await MemoryApi.GetMemoryAsync(new DefaultHttpContext().Request, "../x", "mem_1", _services);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.True(Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors.ContainsKey("userId"));
    }

    /// <summary>A POST with <paramref name="json"/> as its body, as a trigger hands it over.</summary>
    internal static HttpRequest JsonRequest(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }
}
