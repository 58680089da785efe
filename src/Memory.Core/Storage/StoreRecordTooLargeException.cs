namespace MemoryFunctions.Core.Storage;

/// <summary>
/// A store refused a record because, encoded, it is larger than the store can read back (for example an operation whose
/// recorded decisions grew past the limit). Nothing was written; retrying the same record fails the same way, which is
/// why this is an <see cref="ArgumentException"/> (permanent for the workflow runners, a 4xx for HTTP callers).
/// </summary>
public sealed class StoreRecordTooLargeException : ArgumentException
{
    public StoreRecordTooLargeException()
    {
    }

    public StoreRecordTooLargeException(string message)
        : base(message)
    {
    }

    public StoreRecordTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreRecordTooLargeException(string message, long limitBytes)
        : base(message) => LimitBytes = limitBytes;

    /// <summary>The largest encoded record the store accepts, in bytes (0 when not known).</summary>
    public long LimitBytes { get; }
}
