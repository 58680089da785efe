using MemoryFunctions.Testing.Auth;

namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// The hostile server behind scoped keys: its client's key reaches only the seeded user in one tenant (write, so it may
/// export itself), so every case also runs through authentication and the scope check; a case naming another valid
/// tenant or user is now a 403, still a 4xx problem that changes nothing.
/// </summary>
public sealed class ScopedHostileServerFixture : HostileServerFixture
{
    private const string Key = "hostile-scoped-key-41c7";

    protected override (IReadOnlyDictionary<string, string?> Settings, string Key)? Credentials =>
        (TestKeys.Settings([new TestKey("hostile-victim", Key, ["hostile-tenant"], User, "write"), new TestKey("hostile-other", "hostile-other-key", ["other"], null, "admin")]), Key);
}
