using MemoryFunctions.Core.Audit;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>The tenant's audit trail for tenant admins, delegating to <see cref="AuditApi"/>.</summary>
public sealed class AuditHttpTrigger(MemoryApiServices services, IAuditLog audit)
{
    [Function("ReadAudit")]
    public async Task<IResult> ReadAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Audit)] HttpRequest request, CancellationToken cancellationToken) =>
        await AuditApi.ReadAuditAsync(request, audit, services, cancellationToken);
}
