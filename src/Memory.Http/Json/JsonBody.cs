using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Json;

/// <summary>
/// Reads a JSON request body the same way in every host: content type checked (415), size capped while reading (413),
/// parsed with <see cref="MemoryJson.Options"/> (400 naming the JSON path). Minimal-API model binding is not used because
/// an Azure Functions trigger calling the same handler would otherwise get different errors.
/// </summary>
public static class JsonBody
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<JsonBodyResult<T>> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return new(null, ApiProblems.UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > maxBytes)
        {
            return new(null, ApiProblems.PayloadTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                // Counted here as well as by Kestrel: chunked bodies carry no Content-Length, and other hosts have other limits.
                if (buffer.Length + read > maxBytes)
                {
                    return new(null, ApiProblems.PayloadTooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, ApiProblems.PayloadTooLarge(maxBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return Parse<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Parses UTF-8 JSON into <typeparamref name="T"/>, turning every parser complaint into a 400 problem naming the field.</summary>
    public static JsonBodyResult<T> Parse<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
    {
        if (utf8Json.IsEmpty)
        {
            return new(null, ApiProblems.MalformedJson("body", "The request body is empty; send a JSON object."));
        }

        if (RepeatedKeys.Find(utf8Json) is var (path, key))
        {
            return new(null, ApiProblems.Validation(RepeatedKeys.FieldOf(path), RepeatedKeys.Describe(path, key)));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8Json, MemoryJson.Options);
            return value is null
                ? new(null, ApiProblems.Validation("body", "The request body must be a JSON object, not null."))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            return new(null, Describe(exception));
        }
    }

    private static ProblemHttpResult Describe(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        var position = exception.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {exception.BytePositionInLine + 1})")
            : string.Empty;

        // The reader (syntax) wraps its own JsonException; conversion and mapping errors come without one.
        if (exception.InnerException is JsonException)
        {
            return ApiProblems.MalformedJson(field, $"The body is not well-formed JSON at '{exception.Path ?? "$"}'{position}; fix the syntax there.");
        }

        if (exception.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return ApiProblems.Validation(field, $"'{field}' is not a field of this request; remove it (field names are camelCase, see docs/api.md).");
        }

        if (field.StartsWith("metadata", StringComparison.Ordinal))
        {
            return ApiProblems.Validation(field, $"'{field}' must be a string, a number or a boolean (no objects, arrays or null).");
        }

        if (exception.Path is null or "$")
        {
            return ApiProblems.Validation("body", $"The request body must be a JSON object{position}.");
        }

        return ApiProblems.Validation(
            field,
            $"'{field}' has the wrong type or format{position}: numbers unquoted, dates ISO 8601 (e.g. 2026-01-31T12:00:00Z), kinds and sources as camelCase names, lists as arrays.");
    }

    /// <summary>"$.tags[2]" becomes "tags[2]"; the root becomes "body".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
