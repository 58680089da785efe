namespace MemoryFunctions.Client.Models;

public sealed record HealthStatus(string Status, DateTimeOffset Time);
