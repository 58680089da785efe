using System.Text;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Tests.Endpoints;

/// <summary>What a lost race at the store looks like to callers: 409 without If-Match, 412 with it.</summary>
public sealed class ConcurrencyTests
{
    private readonly LosingRaceMemoryStore _store = new();
    private readonly MemoryApiServices _services;

    public ConcurrencyTests()
    {
        _services = TestApiServices.Create(_store);
    }

    [Fact]
    public async Task UpdateMemoryAsync_ConcurrentWriteWithoutIfMatch_Returns409()
    {
        var id = await CreateAsync();

        var result = await MemoryApi.UpdateMemoryAsync(JsonRequest("""{"importance":0.2}"""), "u1", id, _services);

        Assert.Equal(ProblemTypes.Conflict, Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails.Type);
    }

    [Fact]
    public async Task UpdateMemoryAsync_ConcurrentWriteAfterIfMatchPassed_Returns412WithCurrentETag()
    {
        var id = await CreateAsync();
        var current = await _store.GetAsync(new("default", "u1"), id);
        var request = JsonRequest("""{"importance":0.2}""");
        request.Headers.IfMatch = EntityTags.ToHeader(current!.ETag);

        var result = await MemoryApi.UpdateMemoryAsync(request, "u1", id, _services);

        Assert.Equal(StatusCodes.Status412PreconditionFailed, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
        Assert.Equal("\"raced\"", request.HttpContext.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task DeleteMemoryAsync_ConcurrentWriteWithoutIfMatch_Returns409()
    {
        var id = await CreateAsync();
        var request = new DefaultHttpContext().Request;

        var result = await MemoryApi.DeleteMemoryAsync(request, "u1", id, _services);

        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    private async Task<string> CreateAsync()
    {
        var result = await MemoryApi.CreateMemoryAsync(JsonRequest("""{"text":"Contended"}"""), "u1", _services);
        return Assert.IsType<Created<MemoryResponse>>(result.Result).Value!.Id;
    }

    private static HttpRequest JsonRequest(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }
}
