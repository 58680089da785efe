using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests;

public sealed class MemoryExceptionHandlerTests
{
    private readonly MemoryExceptionHandler _handler = new(Options.Create(new MemoryHttpOptions()), NullLogger<MemoryExceptionHandler>.Instance);

    public static TheoryData<Exception, int, string> Mapped => new()
    {
        { new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), 413, ProblemTypes.PayloadTooLarge },
        { new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest), 400, ProblemTypes.BadRequest },
        { new BadHttpRequestException("Bad JSON.", StatusCodes.Status400BadRequest, new JsonException("x", "$.text", 0, 3)), 400, ProblemTypes.MalformedJson },
        { new JsonException("x", "$.topK", 0, 9), 400, ProblemTypes.MalformedJson },
        { new InvalidOperationException("store exploded at /secret/path"), 500, ProblemTypes.Internal },
        { new StoreFailureException(StoreFailureKind.TooLarge, "record at /secret/path too large") { LimitBytes = 16_777_216 }, 413, ProblemTypes.RecordTooLarge },
        { new StoreFailureException(StoreFailureKind.Full, "No space left on device : '/secret/path'", TimeSpan.FromSeconds(5)), 507, ProblemTypes.StoreFull },
        { new StoreFailureException(StoreFailureKind.Throttled, "429 at /secret/path"), 503, ProblemTypes.StoreUnavailable },
        { new StoreFailureException(StoreFailureKind.Unavailable, "503 at /secret/path"), 503, ProblemTypes.StoreUnavailable },
        { new StoreFailureException(StoreFailureKind.TooLarge, "413 at /secret/path"), 413, ProblemTypes.PayloadTooLarge },
        { new StoreFailureException(StoreFailureKind.Full, "403/1014 at /secret/path"), 507, ProblemTypes.StoreFull },
        { new StoreFailureException(StoreFailureKind.AccessDenied, "403 at /secret/path") { Remedy = "assign role" }, 500, ProblemTypes.Internal },
        { new StoreFailureException(StoreFailureKind.Rejected, "400 at /secret/path"), 500, ProblemTypes.Internal },
    };

    [Theory]
    [MemberData(nameof(Mapped))]
    public async Task TryHandleAsync_Exception_WritesTheMatchingProblem(Exception exception, int status, string type)
    {
        var context = NewContext();

        Assert.True(await _handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal(status, context.Response.StatusCode);
        var problem = JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;
        Assert.Equal(type, (string?)problem["type"]);
        Assert.DoesNotContain("secret", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_DiskFull_SaysWhenToRetry()
    {
        var context = NewContext();

        await _handler.TryHandleAsync(context, new StoreFailureException(StoreFailureKind.Full, "full", TimeSpan.FromSeconds(4.2)), CancellationToken.None);

        Assert.Equal(507, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("Retry after 5 seconds", (string?)JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_PartitionFull_HasNoRetryAfterAndSaysWhoMustAct()
    {
        var context = NewContext();

        await _handler.TryHandleAsync(context, new StoreFailureException(StoreFailureKind.Full, "403/1014"), CancellationToken.None);

        Assert.Equal(507, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Contains("Erase or expire", (string?)JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_LocalRecordTooLarge_NamesTheLimit()
    {
        var context = NewContext();

        await _handler.TryHandleAsync(context, new StoreFailureException(StoreFailureKind.TooLarge, "big") { LimitBytes = 16_777_216 }, CancellationToken.None);

        Assert.Equal(413, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Contains("16777216 bytes", (string?)JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_StoreThrottled_RetryAfterInWholeSecondsRoundedUp()
    {
        var context = NewContext();

        await _handler.TryHandleAsync(context, new StoreFailureException(StoreFailureKind.Throttled, "busy", TimeSpan.FromMilliseconds(1500)), CancellationToken.None);

        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task TryHandleAsync_StoreAccessDenied_LogsTheRoleAsErrorWithoutRetryAfter()
    {
        var logger = new ListLogger();
        var handler = new MemoryExceptionHandler(Options.Create(new MemoryHttpOptions()), logger);
        var context = NewContext();

        await handler.TryHandleAsync(context, new StoreFailureException(StoreFailureKind.AccessDenied, "403") { Remedy = "Assign Cosmos DB Built-in Data Contributor" }, CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("Cosmos DB Built-in Data Contributor", entry.Message, StringComparison.Ordinal);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task TryHandleAsync_ClientAborted_Writes499WithoutBody()
    {
        using var aborted = new CancellationTokenSource();
        var context = NewContext();
        context.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        Assert.True(await _handler.TryHandleAsync(context, new OperationCanceledException(), CancellationToken.None));

        Assert.Equal(499, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    private sealed class ListLogger : ILogger<MemoryExceptionHandler>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
