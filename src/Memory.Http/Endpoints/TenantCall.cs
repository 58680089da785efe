using MemoryFunctions.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// The one preamble of every tenant-wide handler (the users of a tenant, its audit trail): resolve the tenant the
/// credential reaches with the role the route needs (<see cref="RequestScope.ResolveTenantAsync"/>: 401, 400, 403, and
/// 403 for a credential bound to one user), hold the tenant to its request quota (429 + Retry-After), then run the
/// handler within the tenant's share of the handlers (<see cref="Quotas.TenantRequestGate"/>). The tenant-wide twin of <see cref="ScopedCall"/>; nothing tenant-wide is written, so there is no admission.
/// </summary>
public static class TenantCall
{
    public static async Task<Results<TOk, ProblemHttpResult>> RunAsync<TOk>(
        HttpRequest request,
        MemoryRole required,
        MemoryApiServices services,
        Func<string, Task<Results<TOk, ProblemHttpResult>>> handle,
        CancellationToken cancellationToken = default)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handle);
        var (tenant, problem) = await RequestScope.ResolveTenantAsync(request, required, services.Authenticator, cancellationToken);
        if ((problem ?? ScopedCall.OverRequestQuota(request, tenant!, services)) is { } refused)
        {
            return refused;
        }

        using var place = await services.Gate.EnterAsync(tenant!, cancellationToken);
        return place is null ? ScopedCall.Busy(request, tenant!) : await handle(tenant!);
    }
}
