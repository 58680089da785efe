namespace MemoryFunctions.Http.Auth;

/// <summary>What a credential may do, each role including the ones below it.</summary>
public enum MemoryRole
{
    /// <summary>Authenticated, but granted nothing (an Entra token without any of the configured roles or scopes).</summary>
    None = 0,

    /// <summary>Every GET, search, context and operation status.</summary>
    Read = 1,

    /// <summary>Create, update and delete memories, submit messages, deliver Event Grid events.</summary>
    Write = 2,

    /// <summary>Export and erase any user of the credential's tenants (a credential bound to one user does that to itself with <see cref="Write"/>).</summary>
    Admin = 3,
}
