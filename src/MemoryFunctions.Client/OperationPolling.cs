namespace MemoryFunctions.Client;

/// <summary>How <see cref="MemoryClient.WaitForOperationAsync"/> polls: exponential back-off with jitter, capped, unless the server says otherwise with <c>Retry-After</c>.</summary>
public sealed record OperationPolling
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Give up (with a <see cref="TimeoutException"/>) when the operation is still running after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
