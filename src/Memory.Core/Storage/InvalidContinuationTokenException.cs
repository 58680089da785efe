namespace MemoryFunctions.Core.Storage;

/// <summary>
/// The store refused a continuation token it once issued (after it reorganised its partitions, or when the filters changed
/// since the first page). The caller can only restart the listing; hosts answer 400 naming the cursor.
/// </summary>
public sealed class InvalidContinuationTokenException : ArgumentException
{
    public InvalidContinuationTokenException()
        : this("The continuation token is no longer valid for this query; restart the listing without it.")
    {
    }

    public InvalidContinuationTokenException(string message)
        : base(message, "continuationToken")
    {
    }

    public InvalidContinuationTokenException(string message, Exception innerException)
        : base(message, "continuationToken", innerException)
    {
    }
}
