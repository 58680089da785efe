namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// Liveness: the host is up and routing ("healthy"), or needs a restart ("unhealthy", with <see cref="Reason"/>). Touches
/// no store, so it stays cheap and anonymous.
/// </summary>
public sealed record HealthResponse(string Status, DateTimeOffset Time, string? Reason = null);
