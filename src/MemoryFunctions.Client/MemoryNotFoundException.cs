using System.Net;

namespace MemoryFunctions.Client;

/// <summary>404: no such memory, operation or user in the caller's tenant (another tenant's data is never visible).</summary>
public sealed class MemoryNotFoundException : MemoryApiException
{
    public MemoryNotFoundException()
    {
    }

    public MemoryNotFoundException(string message)
        : base(message)
    {
    }

    public MemoryNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemoryNotFoundException(HttpStatusCode status, ApiProblem problem)
        : base(status, problem)
    {
    }
}
