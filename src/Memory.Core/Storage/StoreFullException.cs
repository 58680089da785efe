namespace MemoryFunctions.Core.Storage;

/// <summary>
/// A store could not make a write durable because its storage is out of space (or quota). Nothing was acknowledged, the
/// store keeps serving reads, and the same write succeeds once space returns: callers may retry after
/// <see cref="RetryAfter"/>.
/// </summary>
public sealed class StoreFullException : IOException
{
    public StoreFullException()
    {
    }

    public StoreFullException(string message)
        : base(message)
    {
    }

    public StoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreFullException(string message, TimeSpan retryAfter, Exception? innerException)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>How long to wait before retrying; the store checks for space again at least this often.</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(30);
}
