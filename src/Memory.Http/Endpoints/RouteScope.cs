using MemoryFunctions.Http.Auth;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>What a route addresses (its user, and memory when it names one) and the role it needs there.</summary>
public readonly record struct RouteScope(string UserId, MemoryRole Required, string? MemoryId = null);
