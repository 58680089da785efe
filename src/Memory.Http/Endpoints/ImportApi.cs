using System.Globalization;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Import;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Bulk import of ready-made memories: an NDJSON body (one <c>POST /memories</c> body a line) streamed into the user's
/// partition by <see cref="MemoryImport"/>, answered with a stream of <see cref="ImportReport"/> lines.
/// </summary>
/// <remarks>
/// Progress is streamed on the request's own response rather than kept in an operation to poll: an operation would have to
/// hold the whole body (up to <see cref="MemoryHttpOptions.MaxImportBytes"/>) before its 202 to be resumable by the runner,
/// while the stream holds one batch, and the import is idempotent, so a cut connection is resumed by posting again
/// (<c>afterLine</c> skips what the last report said was settled).
/// </remarks>
public static class ImportApi
{
    public const string NdjsonContentType = "application/x-ndjson";
    private const string AfterLine = "afterLine";

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/users/{userId}/imports", ImportMemoriesAsync).WithName("ImportMemories").WithTags("Memories")
            .Accepts<CreateMemoryRequest>(NdjsonContentType, "application/jsonl", "application/json")
            .Produces<ImportReport>(StatusCodes.Status200OK, NdjsonContentType)
            .WithQuery(AfterLine, "integer", "Skip the body's lines up to this one (the committedThroughLine of a cut import's last report); default 0.")
            .ProducesBodyProblems();
        return api;
    }

    /// <summary>POST an NDJSON body: 200 with the report stream once the preamble, the content type and the size pass.</summary>
    public static Task<Results<ImportReportStreamResult, ProblemHttpResult>> ImportMemoriesAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        // No admission in the preamble: the import writes after this handler returns (the answer streams), so each batch is
        // admitted as it is written (MemoryImport); a first check here refuses with a status while one can still be sent.
        ScopedCall.RunAsync<ImportReportStreamResult>(request, new(userId, MemoryRole.Write), services, async partition =>
        {
            var limits = services.Limits;
            if (!IsNdjson(request.ContentType))
            {
                return ApiProblems.UnsupportedMediaType(request.ContentType, NdjsonContentType);
            }

            if (request.ContentLength > limits.MaxImportBytes)
            {
                return ApiProblems.PayloadTooLarge(limits.MaxImportBytes, "Memory:Http:MaxImportBytes");
            }

            if (ReadAfterLine(request) is not { } afterLine)
            {
                return ApiProblems.Validation(AfterLine, $"'{AfterLine}' must be a whole number of lines, 0 or more.");
            }

            using (var first = await services.Admission.AdmitAsync(partition, AdmittedWrite.Memory, cancellationToken: cancellationToken))
            {
                // At the memories quota the lines decide: those the tenant holds already add nothing (MemoryImport).
                if (first.Refusal is { } refusal && refusal.Limit != TenantAdmission.MemoriesLimit)
                {
                    return ScopedCall.QuotaRefused(request, refusal);
                }
            }

            // Kestrel's body limit (MaxRequestBodyBytes) is for JSON bodies, read whole; this body is streamed.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = limits.MaxImportBytes;
            }

            return new ImportReportStreamResult(new MemoryImport(services.Memories, services.Admission, limits, services.TimeProvider), partition, afterLine, limits);
        },
        cancellationToken);

    /// <summary>NDJSON by any of its names; a JSON body is read the same way (one object a line, so one object is a one-line import).</summary>
    private static bool IsNdjson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals(NdjsonContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static long? ReadAfterLine(HttpRequest request)
    {
        var values = request.Query[AfterLine];
        if (values.Count == 0)
        {
            return 0;
        }

        return values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;
    }
}
