using MemoryFunctions.Http.Auth;

namespace MemoryFunctions.Http;

/// <summary>
/// Who may call (configuration section <c>Memory:Auth</c>; docs/security.md). With no key and no Entra authority the API is
/// open, which suits the loopback-only local server and says so in the log; with either, every route but health needs a
/// credential, and a credential reaches only its tenant(s) and user.
/// </summary>
public sealed class MemoryAuthOptions
{
    public const string SectionName = "Memory:Auth";

    /// <summary>Hashed, scoped API keys, sent in <c>x-functions-key</c> (or <c>?code=</c>).</summary>
    public IList<ScopedKeyOptions> Keys { get; } = [];

    public EntraAuthOptions Entra { get; set; } = new();

    /// <summary>The deployment serves one tenant: keys without <c>Tenants</c> are then allowed and reach every tenant.</summary>
    public bool SingleTenant { get; set; }

    /// <summary>
    /// Functions host only: start without any credential configured. Its triggers are anonymous at the platform (function
    /// keys are app-wide and cannot be scoped), so without keys or Entra ID the app would be open to the internet; it
    /// refuses to start unless this says that is meant (a Core Tools run on a laptop).
    /// </summary>
    public bool AllowOpen { get; set; }

    /// <summary>The former plain-text keys. Still bound so that a deployment that sets them fails at start-up instead of opening up.</summary>
    public IList<string> ApiKeys { get; } = [];

    public bool IsConfigured => Keys.Count > 0 || Entra.IsConfigured;
}
