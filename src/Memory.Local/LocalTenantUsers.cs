using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local;

/// <summary><see cref="ITenantUsers"/> from the embedded store's in-memory indexes: exact, never a file read.</summary>
public sealed class LocalTenantUsers(LocalStorageEngine engine) : ITenantUsers
{
    public Task<Page<string>> ListUsersAsync(string tenantId, int pageSize, string? afterUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var users = engine.UsersOf(tenantId, afterUserId, pageSize + 1);
        return Task.FromResult(users.Count > pageSize
            ? new Page<string>([.. users.Take(pageSize)], users[pageSize - 1])
            : new Page<string>(users, null));
    }
}
