namespace MemoryFunctions.Core.Audit;

/// <summary>Who asked for an audited action and the request's trace id, as the host knows them.</summary>
/// <param name="Actor">The caller's authenticated name, or <see cref="Anonymous"/>.</param>
public sealed record AuditCaller(string Actor, string? TraceId)
{
    /// <summary>The actor recorded when the request carried no authenticated identity (open mode, or a key without a name).</summary>
    public const string Anonymous = "anonymous";
}
