using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Tests.Json;

public sealed class JsonBodyTests
{
    [Fact]
    public void Parse_ValidBody_ReadsCamelCaseFieldsEnumsAndMetadata()
    {
        var result = Parse<CreateMemoryRequest>("""{"text":"t","kind":"procedural","source":"agent","metadata":{"s":"v","n":1.5,"b":false}}""");

        Assert.Null(result.Problem);
        Assert.Equal(MemoryKind.Procedural, result.Value!.Kind);
        Assert.Equal(MemorySource.Agent, result.Value.Source);
        Assert.Equal(MetadataValue.FromNumber(1.5), result.Value.Metadata!["n"]);
    }

    [Fact]
    public void Parse_UnknownField_ReturnsValidationNamingIt()
    {
        var problem = Parse<CreateMemoryRequest>("""{"text":"t","Text":"again"}""").Problem;

        AssertProblem(problem, 400, ProblemTypes.Validation, "Text");
    }

    [Fact]
    public void Parse_PascalCaseField_IsUnknown()
    {
        AssertProblem(Parse<SearchMemoriesRequest>("""{"Query":"q"}""").Problem, 400, ProblemTypes.Validation, "Query");
    }

    [Theory]
    [InlineData("""{"text":""", "text")]
    [InlineData("""{"text":"t" "kind":"fact"}""", "body")]
    [InlineData("""{"tags":["a",]}""", "tags[1]")]
    [InlineData("""{"text":"t"} // comment""", "body")]
    public void Parse_SyntaxError_ReturnsMalformedJsonWithPosition(string json, string field)
    {
        var problem = Parse<CreateMemoryRequest>(json).Problem;

        AssertProblem(problem, 400, ProblemTypes.MalformedJson, field);
        Assert.Contains("line 1", problem!.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"query":"q","topK":"5"}""", "topK")]
    [InlineData("""{"query":"q","kinds":"fact"}""", "kinds")]
    [InlineData("""{"query":"q","kinds":["gossip"]}""", "kinds[0]")]
    [InlineData("""{"query":"q","asOf":"2026-13-01"}""", "asOf")]
    [InlineData("""{"query":"q","metadata":{"k":[1]}}""", "metadata.k")]
    public void Parse_WrongType_ReturnsValidationNamingTheField(string json, string field)
    {
        AssertProblem(Parse<SearchMemoriesRequest>(json).Problem, 400, ProblemTypes.Validation, field);
    }

    [Fact]
    public void Parse_Empty_ReturnsMalformedJsonForBody()
    {
        AssertProblem(JsonBody.Parse<CreateMemoryRequest>([]).Problem, 400, ProblemTypes.MalformedJson, "body");
    }

    [Fact]
    public async Task ReadAsync_NonJsonContentType_Returns415()
    {
        var request = Request("""{"text":"t"}""", "text/plain");

        var result = await JsonBody.ReadAsync<CreateMemoryRequest>(request, 1024);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, result.Problem!.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_MergePatchContentType_IsAccepted()
    {
        var result = await JsonBody.ReadAsync<UpdateMemoryRequest>(Request("""{"text":"t"}""", "application/merge-patch+json"), 1024);

        Assert.Equal("t", result.Value!.Text);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_Returns413WithoutReading()
    {
        var request = Request("""{"text":"t"}""", "application/json");
        request.ContentLength = 5000;

        var result = await JsonBody.ReadAsync<CreateMemoryRequest>(request, 1024);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, result.Problem!.StatusCode);
        Assert.Equal(ProblemTypes.PayloadTooLarge, result.Problem.ProblemDetails.Type);
    }

    [Fact]
    public async Task ReadAsync_UndeclaredLengthOverLimit_Returns413()
    {
        var request = Request("{\"text\":\"" + new string('a', 2000) + "\"}", "application/json");
        request.ContentLength = null;

        var result = await JsonBody.ReadAsync<CreateMemoryRequest>(request, 1024);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, result.Problem!.StatusCode);
    }

    private static JsonBodyResult<T> Parse<T>(string json)
        where T : class => JsonBody.Parse<T>(Encoding.UTF8.GetBytes(json));

    private static HttpRequest Request(string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }

    private static void AssertProblem(ProblemHttpResult? problem, int status, string type, string field)
    {
        Assert.NotNull(problem);
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal(type, problem.ProblemDetails.Type);
        var errors = Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors;
        Assert.True(errors.ContainsKey(field), $"No error for '{field}': {string.Join(", ", errors.Keys)}");
    }
}
