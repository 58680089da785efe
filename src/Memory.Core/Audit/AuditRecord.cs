namespace MemoryFunctions.Core.Audit;

/// <summary>
/// One audited administrative action: who did what to which user, when, and how it ended. It names the user but never
/// holds anything stored about them (no memory text, no message content), and it is kept outside every user partition,
/// so the erase it records cannot remove it.
/// </summary>
/// <param name="Id">Unique and time-ordered; the outcome replaces the <see cref="AuditOutcome.Started"/> record with the same id.</param>
/// <param name="Actor">Who asked: the caller's authenticated name (e.g. <c>key:ops</c>, <c>entra:oid@tid</c>), or <c>anonymous</c>.</param>
/// <param name="TraceId">The request's W3C trace id (or the host's request id), to find the request in the logs.</param>
/// <param name="Detail">Counts or the failure's kind (e.g. <c>memories=3 operations=1</c>, <c>Full</c>); never user data.</param>
public sealed record AuditRecord(
    string Id,
    string TenantId,
    string UserId,
    AuditAction Action,
    AuditOutcome Outcome,
    string Actor,
    string? TraceId,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? Detail);
