namespace MemoryFunctions.Http;

/// <summary>
/// Optional API keys (configuration section <c>Memory:Auth</c>, e.g. <c>Memory__Auth__ApiKeys__0</c>). With none
/// configured the API is open, which suits the loopback-only local server; with any, every route but health needs one.
/// </summary>
public sealed class MemoryAuthOptions
{
    public const string SectionName = "Memory:Auth";

    /// <summary>Accepted keys, sent in the <c>x-functions-key</c> header or the <c>code</c> query parameter.</summary>
    public IList<string> ApiKeys { get; } = [];
}
