using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Finds the configured key a request presents, in constant time: the presented key is hashed to SHA-256 and compared with
/// every configured digest (no early exit), so the time depends neither on the key's length, nor on where it differs, nor
/// on which key matched. Configured keys are only ever digests (<see cref="ApiKeyHashes"/>).
/// </summary>
public sealed class ApiKeyValidator
{
    private readonly (byte[] Digest, ScopedKeyOptions Key)[] _keys;

    public ApiKeyValidator(IEnumerable<ScopedKeyOptions> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Select(key => (ApiKeyHashes.TryParse(key.Hash, out var digest) ? digest : [], key)).Where(entry => entry.Item1.Length > 0)];
    }

    public bool IsEnabled => _keys.Length > 0;

    /// <summary>The key entry <paramref name="presentedKey"/> matches, or null.</summary>
    public ScopedKeyOptions? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        var digest = ApiKeyHashes.Digest(presentedKey);
        ScopedKeyOptions? found = null;
        foreach (var (expected, key) in _keys)
        {
            // Ids are unique (validated at start-up), so at most one digest matches; the loop still visits every entry.
            found = CryptographicOperations.FixedTimeEquals(expected, digest) ? key : found;
        }

        return found;
    }

    /// <summary>
    /// The key a request presents, read as Azure Functions does: <c>x-functions-key</c> header first, then the <c>code</c>
    /// query parameter, which a host may already have moved into a <see cref="PresentedApiKeyFeature"/> to keep it out of
    /// its logs. Null when the request presents none.
    /// </summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[MemoryHeaders.FunctionsKey];
        if (header.Count > 0)
        {
            return header.ToString();
        }

        var fromQuery = request.HttpContext.Features.Get<PresentedApiKeyFeature>()?.Key ?? (request.Query.TryGetValue(MemoryHeaders.KeyQueryParameter, out var code) ? code.ToString() : null);
        return fromQuery;
    }
}
