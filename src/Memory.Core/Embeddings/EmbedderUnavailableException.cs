namespace MemoryFunctions.Core.Embeddings;

/// <summary>
/// The embedder cannot serve a request yet — a local model still loading after the process started — and the caller
/// should retry after <see cref="RetryAfter"/>: transient. Hosts answer 503 with Retry-After (problem type
/// <c>embedder-unavailable</c>); background work (ingestion) waits for the model instead of getting this.
/// </summary>
public sealed class EmbedderUnavailableException : Exception
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public EmbedderUnavailableException()
        : this("The embedding model is not available yet.", DefaultRetryAfter)
    {
    }

    public EmbedderUnavailableException(string message)
        : this(message, DefaultRetryAfter)
    {
    }

    public EmbedderUnavailableException(string message, Exception innerException)
        : base(message, innerException) => RetryAfter = DefaultRetryAfter;

    public EmbedderUnavailableException(string message, TimeSpan retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>How long the caller should wait before asking again.</summary>
    public TimeSpan RetryAfter { get; }
}
