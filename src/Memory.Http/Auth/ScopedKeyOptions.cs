namespace MemoryFunctions.Http.Auth;

/// <summary>
/// One API key (an entry of <c>Memory:Auth:Keys</c>): its hash, the tenant(s) and optionally the one user it reaches, its
/// role, and optionally a default completion callback URL. Two entries with the same scope are how a key is rotated: both are valid until the old one is removed.
/// </summary>
public sealed class ScopedKeyOptions
{
    /// <summary>A name for logs and audit (<c>key:&lt;Id&gt;</c>); never the key.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary><c>sha256:&lt;hex&gt;</c> of the key (<see cref="ApiKeyHashes"/>; <c>dotnet run --project src/Memory.Server -- keys new</c>).</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>The tenants the key reaches (one for an agent; several for an Event Grid subscription that feeds several). Empty: unscoped, only allowed with <c>Memory:Auth:SingleTenant</c>.</summary>
    public IList<string> Tenants { get; } = [];

    /// <summary>The only user the key reaches, or null for every user of its tenants.</summary>
    public string? User { get; set; }

    public MemoryRole Role { get; set; } = MemoryRole.Read;

    /// <summary>
    /// The completion callback URL for operations submitted with this key without a <c>callbackUrl</c> of their own (the
    /// request's wins). It follows the same rule as a request's (<c>Memory:Callbacks</c>), checked at start-up and at use.
    /// </summary>
    public string? CallbackUrl { get; set; }
}
