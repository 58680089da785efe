using System.Net;

namespace MemoryFunctions.Client;

/// <summary>400 or 422: the request is not valid; Errors names each field and its fix.</summary>
public sealed class MemoryValidationException : MemoryApiException
{
    public MemoryValidationException()
    {
    }

    public MemoryValidationException(string message)
        : base(message)
    {
    }

    public MemoryValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemoryValidationException(HttpStatusCode status, ApiProblem problem)
        : base(status, problem)
    {
    }
}
