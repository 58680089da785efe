namespace MemoryFunctions.Core.Llm;

/// <summary>
/// A model call failed for good: the service refused it (bad request, authentication, authorisation, unknown model or
/// deployment), kept failing after the transport's retries, or answered with output that does not match the expected
/// JSON schema even after one corrective retry. The message names the setting to check; the workflow marks the
/// operation failed instead of guessing.
/// </summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException()
        : this("The model call failed.")
    {
    }

    public ModelCallException(string message)
        : this(message, statusCode: null, isTransient: false, innerException: null)
    {
    }

    public ModelCallException(string message, Exception innerException)
        : this(message, statusCode: null, isTransient: false, innerException)
    {
    }

    public ModelCallException(string message, int? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status the model service answered with; null for timeouts, connection failures and invalid output.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// True when the same call may succeed later (throttling or server errors that outlasted the transport's retries,
    /// timeouts); false when retrying cannot help until a setting or the prompt changes.
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>
    /// What to check, in our own words only (no prompt, memory or model-service text), so it may be shown to API callers
    /// in a failed operation's error; e.g. "check Memory:OpenAI:ApiKey". Null when there is nothing to advise.
    /// </summary>
    public string? Remedy { get; init; }
}
