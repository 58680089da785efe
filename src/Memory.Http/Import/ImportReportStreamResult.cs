using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Json;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Import;

/// <summary>The 200 answer of an import: runs it while reading the body, writing each <see cref="ImportReport"/> as one NDJSON line.</summary>
public sealed class ImportReportStreamResult(MemoryImport import, MemoryPartition partition, long afterLine, MemoryHttpOptions limits) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ImportApi.NdjsonContentType;
        response.Headers.CacheControl = "no-store";
        var lines = NdjsonLineReader.ReadAsync(httpContext.Request.BodyReader, limits.MaxImportLineBytes, limits.MaxImportBytes, cancellationToken);
        var last = await import.RunAsync(partition, lines, afterLine, report => WriteAsync(response, report, cancellationToken), cancellationToken);
        await WriteAsync(response, last, cancellationToken);
    }

    private static async Task WriteAsync(HttpResponse response, ImportReport report, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, report, MemoryJson.Options, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
