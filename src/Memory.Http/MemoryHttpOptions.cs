using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Http;

/// <summary>
/// Request limits of the HTTP API (configuration section <c>Memory:Http</c>). The defaults keep one request cheap for the
/// store and the embedder; docs/api.md lists them. A request outside a limit gets a 400 (or 413 for the body size) naming it.
/// </summary>
public sealed class MemoryHttpOptions
{
    public const string SectionName = "Memory:Http";

    /// <summary>Largest request body accepted, in bytes (default 1 MiB). Also applied to Kestrel by the server.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest body of one bulk import (<c>POST /users/{userId}/imports</c>), in bytes (default 100 MiB, the Azure Functions
    /// host's own request limit). The import streams its body, so this bounds the request's duration, not the memory it holds;
    /// the server raises Kestrel's body limit to it for that route only.
    /// </summary>
    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Longest NDJSON line of an import, in bytes (default 256 KiB: the longest text and metadata allowed fit); a longer line is reported and skipped.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxImportLineBytes { get; set; } = 256 * 1024;

    /// <summary>Longest memory text, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 8_000;

    /// <summary>Longest search or context query, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxQueryLength { get; set; } = 4_000;

    [Range(1, 1000)]
    public int MaxTopK { get; set; } = 100;

    [Range(1, 1000)]
    public int DefaultTopK { get; set; } = 10;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 50;

    [Range(1, 1_000_000)]
    public int MinContextTokens { get; set; } = 64;

    [Range(1, 1_000_000)]
    public int MaxContextTokens { get; set; } = 32_000;

    [Range(1, 1_000_000)]
    public int DefaultContextTokens { get; set; } = 2_000;

    [Range(0, 1000)]
    public int MaxTags { get; set; } = 32;

    [Range(1, 1000)]
    public int MaxTagLength { get; set; } = 64;

    [Range(0, 1000)]
    public int MaxMetadataKeys { get; set; } = 32;

    [Range(1, 1000)]
    public int MaxMetadataKeyLength { get; set; } = 64;

    /// <summary>Longest string metadata value, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMetadataValueLength { get; set; } = 1_024;

    /// <summary>
    /// Secrets (base64, at least 32 bytes each) that sign list cursors with HMAC-SHA256 so callers cannot forge them; the
    /// first signs, all verify (rotate by adding the new key second, then moving it first, then dropping the old one).
    /// Empty (the default): cursors carry an unkeyed checksum. Every instance of a deployment needs the same keys.
    /// </summary>
    public IList<string> CursorKeys { get; } = [];

    /// <summary>
    /// Browser origins (<c>https://app.example.com</c>) whose pages may call the API, besides pages served from this
    /// machine (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any port); <c>*</c> allows any origin (a gateway in front
    /// checks them). A request with any other <c>Origin</c> header is refused with 403 on every route and on MCP.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
