using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary><c>GET /api/health</c>, anonymous like the local server's, so probes need no key.</summary>
public sealed class HealthHttpTrigger(TimeProvider timeProvider)
{
    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Health)] HttpRequest request) =>
        HealthApi.GetHealth(timeProvider);
}
