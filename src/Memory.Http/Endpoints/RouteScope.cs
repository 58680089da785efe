using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Quotas;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// What a route addresses (its user, and memory when it names one), the role it needs there, and what a write adds (for
/// the tenant's admission quotas, <see cref="TenantAdmission"/>).
/// </summary>
public readonly record struct RouteScope(string UserId, MemoryRole Required, string? MemoryId = null, AdmittedWrite Adds = AdmittedWrite.None);
