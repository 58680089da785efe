using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Checks API keys in constant time: both sides are hashed to SHA-256 first, so comparison time depends on neither the
/// key's length nor where it differs, and every configured key is compared (no early exit reveals which one matched).
/// </summary>
public sealed class ApiKeyValidator
{
    private readonly byte[][] _digests;

    public ApiKeyValidator(IEnumerable<string> apiKeys)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        _digests = apiKeys.Where(key => !string.IsNullOrEmpty(key)).Select(Digest).ToArray();
    }

    /// <summary>False when no key is configured: the API is then open.</summary>
    public bool IsEnabled => _digests.Length > 0;

    public bool IsValid(string? presentedKey)
    {
        if (!IsEnabled)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var digest = Digest(presentedKey);
        var match = false;
        foreach (var expected in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(expected, digest);
        }

        return match;
    }

    /// <summary>
    /// Reads the key as Azure Functions does: <c>x-functions-key</c> header first, then the <c>code</c> query parameter,
    /// which a host may already have moved into a <see cref="PresentedApiKeyFeature"/> to keep it out of its logs.
    /// </summary>
    public bool IsAuthorized(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsEnabled)
        {
            return true;
        }

        var header = request.Headers[MemoryHeaders.FunctionsKey];
        var presented = header.Count > 0
            ? header.ToString()
            : request.HttpContext.Features.Get<PresentedApiKeyFeature>()?.Key ?? request.Query[MemoryHeaders.KeyQueryParameter].ToString();
        return IsValid(presented);
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
