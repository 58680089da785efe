using System.Diagnostics;
using MemoryFunctions.Core.Audit;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Who is asking, for the audit record: the authenticated caller's name (set by the auth layer) and the request's trace id.</summary>
public static class AuditCallers
{
    public static AuditCaller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AuditCaller.Anonymous;
        var traceId = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;
        return new AuditCaller(actor, traceId);
    }
}
