using System.Net;

namespace MemoryFunctions.Client;

/// <summary>409 or 412: a stale If-Match (re-read: ETag holds the current tag) or an Idempotency-Key reused for another request.</summary>
public sealed class MemoryConflictException : MemoryApiException
{
    public MemoryConflictException()
    {
    }

    public MemoryConflictException(string message)
        : base(message)
    {
    }

    public MemoryConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemoryConflictException(HttpStatusCode status, ApiProblem problem)
        : base(status, problem)
    {
    }
}
