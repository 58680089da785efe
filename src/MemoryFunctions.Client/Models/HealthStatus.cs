namespace MemoryFunctions.Client.Models;

/// <summary>"healthy", or "unhealthy" with the reason a restart is needed (the server answers that with 503).</summary>
public sealed record HealthStatus(string Status, DateTimeOffset Time, string? Reason = null);
