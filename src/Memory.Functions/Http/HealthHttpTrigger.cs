using MemoryFunctions.Http.Endpoints;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary><c>GET /api/health</c>, anonymous like the local server's, so probes need no key.</summary>
public sealed class HealthHttpTrigger(TimeProvider timeProvider, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Health)] HttpRequest request) =>
        HealthApi.GetHealth(timeProvider, embedder);
}
