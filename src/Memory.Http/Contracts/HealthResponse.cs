namespace MemoryFunctions.Http.Contracts;

/// <summary>Liveness: the host is up and routing. Deliberately touches no store, so it stays cheap and anonymous.</summary>
public sealed record HealthResponse(string Status, DateTimeOffset Time);
