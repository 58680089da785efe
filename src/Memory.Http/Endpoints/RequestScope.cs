using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// The one place where a request becomes a partition it may touch, for every route of both hosts, the MCP tools and (per
/// event) the Event Grid webhook: who is calling (401), which tenant (<c>x-tenant-id</c>, else the credential's only
/// tenant, else "default") and user (the route's; <c>me</c> is the caller's own) it names (400 when malformed), whether
/// the credential reaches them (403 <c>out-of-scope</c>) and carries the role the route needs (403 <c>missing-role</c>).
/// </summary>
public static class RequestScope
{
    /// <summary>A route's user id that stands for the caller's own user (a delegated token's, or a user-bound key's).</summary>
    public const string SelfAlias = "me";

    public static async ValueTask<ResolvedScope> ResolveAsync(
        HttpRequest request, string userId, MemoryRole required, CallerAuthenticator authenticator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        var (caller, unauthorized) = await authenticator.AuthenticateAsync(request.HttpContext, cancellationToken);
        if (caller is null)
        {
            return new(default, unauthorized);
        }

        var errors = new ValidationErrors();
        var tenant = Tenant(request, caller, errors);
        var user = userId == SelfAlias ? caller.Self : userId;
        if (user is null)
        {
            errors.Add("userId", $"'{SelfAlias}' stands for the caller's own user, which only a delegated Entra token or a key bound to one user has; name the user instead.");
        }
        else if (!IdRules.IsValid(user))
        {
            errors.Add("userId", IdRules.Describe("userId"));
        }

        if (!errors.IsEmpty)
        {
            return new(default, ApiProblems.Validation(errors.ToDictionary()));
        }

        var partition = new MemoryPartition(tenant!, user!);
        return new(partition, Authorize(caller, partition, required));
    }

    /// <summary>
    /// For tenant-wide admin routes (the audit trail): the tenant the request names (as for every route), reached by a
    /// credential with <paramref name="required"/> that is not bound to one user (such a credential administers only itself).
    /// </summary>
    public static async ValueTask<(string? Tenant, ProblemHttpResult? Problem)> ResolveTenantAsync(
        HttpRequest request, MemoryRole required, CallerAuthenticator authenticator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        var (caller, unauthorized) = await authenticator.AuthenticateAsync(request.HttpContext, cancellationToken);
        if (caller is null)
        {
            return (null, unauthorized);
        }

        var errors = new ValidationErrors();
        var tenant = Tenant(request, caller, errors);
        if (!errors.IsEmpty)
        {
            return (null, ApiProblems.Validation(errors.ToDictionary()));
        }

        if (!caller.ReachesTenant(tenant!))
        {
            return (null, ApiProblems.OutOfScope($"The credential '{caller.Name}' does not reach tenant '{tenant}' (it reaches: {string.Join(", ", caller.Tenants ?? [])})."));
        }

        if (caller.UserId is not null)
        {
            return (null, ApiProblems.OutOfScope($"The credential '{caller.Name}' reaches only user '{caller.UserId}'; this route covers the whole tenant."));
        }

        return caller.Role >= required ? (tenant, null) : (null, MissingRole(caller, required));
    }

    /// <summary>Resolves the partition and validates a memory id from the route in one go.</summary>
    public static async ValueTask<ResolvedScope> ResolveAsync(
        HttpRequest request, string userId, string id, MemoryRole required, CallerAuthenticator authenticator, CancellationToken cancellationToken = default)
    {
        var scope = await ResolveAsync(request, userId, required, authenticator, cancellationToken);
        return scope.Problem is null && !IdRules.IsValid(id) ? scope with { Problem = ApiProblems.Validation("id", IdRules.Describe("id")) } : scope;
    }

    /// <summary>
    /// Who is calling, for handlers that learn their partitions later (the Event Grid webhook, per event): 401 without a
    /// valid credential, 403 when it lacks <paramref name="required"/> everywhere.
    /// </summary>
    public static async ValueTask<(MemoryCaller? Caller, ProblemHttpResult? Problem)> AuthenticateAsync(
        HttpRequest request, MemoryRole required, CallerAuthenticator authenticator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        var (caller, unauthorized) = await authenticator.AuthenticateAsync(request.HttpContext, cancellationToken);
        if (caller is null)
        {
            return (null, unauthorized);
        }

        return caller.Grants(required, userId: null) ? (caller, null) : (null, MissingRole(caller, required));
    }

    /// <summary>Whether <paramref name="caller"/> may do what <paramref name="required"/> allows in <paramref name="partition"/>; null when it may.</summary>
    public static ProblemHttpResult? Authorize(MemoryCaller caller, MemoryPartition partition, MemoryRole required)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ReachesTenant(partition.TenantId))
        {
            return ApiProblems.OutOfScope($"The credential '{caller.Name}' does not reach tenant '{partition.TenantId}' (it reaches: {string.Join(", ", caller.Tenants ?? [])}).");
        }

        if (!caller.ReachesUser(partition.UserId))
        {
            return ApiProblems.OutOfScope($"The credential '{caller.Name}' reaches only user '{caller.UserId}', not '{partition.UserId}'; use '{SelfAlias}' or its own id.");
        }

        return caller.Grants(required, partition.UserId) ? null : MissingRole(caller, required);
    }

    private static ProblemHttpResult MissingRole(MemoryCaller caller, MemoryRole required) =>
        ApiProblems.MissingRole($"This needs the '{required.ToString().ToLowerInvariant()}' role; the credential '{caller.Name}' has '{caller.Role.ToString().ToLowerInvariant()}'.");

    private static string? Tenant(HttpRequest request, MemoryCaller caller, ValidationErrors errors)
    {
        var values = request.Headers[MemoryHeaders.TenantId];
        if (values.Count == 0)
        {
            if (caller.Tenants is [var only])
            {
                return only;
            }

            if (caller.Tenants is null)
            {
                return MemoryHeaders.DefaultTenant;
            }

            errors.Add(MemoryHeaders.TenantId, $"This credential reaches several tenants ({string.Join(", ", caller.Tenants)}); name one in {MemoryHeaders.TenantId}.");
            return null;
        }

        var tenant = values.ToString();
        if (values.Count > 1 || !IdRules.IsValid(tenant))
        {
            errors.Add(MemoryHeaders.TenantId, IdRules.Describe(MemoryHeaders.TenantId) + " Send it once, or omit it for the credential's own tenant ('default' when open).");
            return null;
        }

        return tenant;
    }
}
