namespace MemoryFunctions.Testing.Auth;

/// <summary>A key as the client holds it, with the scope the server binds to its hash.</summary>
public sealed record TestKey(string Id, string Key, IReadOnlyList<string> Tenants, string? User, string Role);
