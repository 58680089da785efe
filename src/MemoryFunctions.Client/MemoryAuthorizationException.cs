using System.Net;

namespace MemoryFunctions.Client;

/// <summary>401 or 403: the function key or token is missing, wrong, or not valid for this tenant or user.</summary>
public sealed class MemoryAuthorizationException : MemoryApiException
{
    public MemoryAuthorizationException()
    {
    }

    public MemoryAuthorizationException(string message)
        : base(message)
    {
    }

    public MemoryAuthorizationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemoryAuthorizationException(HttpStatusCode status, ApiProblem problem)
        : base(status, problem)
    {
    }
}
