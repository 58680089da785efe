using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Http.Contracts;

/// <summary><c>GET /api/audit</c>: the tenant's audit records, newest first.</summary>
public sealed record AuditTrailResponse(string TenantId, IReadOnlyList<AuditRecord> Records);
