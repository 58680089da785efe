using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Quotas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// What every handler needs, as one injectable parameter (eShop's <c>CatalogServices</c> pattern). A Functions trigger
/// resolves it from DI and passes it to the same handler the server maps.
/// </summary>
public sealed class MemoryApiServices(
    MemoryService memories,
    AdminAudit audit,
    IOptions<MemoryHttpOptions> limits,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    CallerAuthenticator authenticator,
    TenantRateLimiter rateLimiter,
    TenantAdmission admission,
    TenantRequestGate gate)
{
    public MemoryService Memories { get; } = memories;

    /// <summary>Wraps the admin actions (export, erase) in their audit record.</summary>
    public AdminAudit Audit { get; } = audit;

    public MemoryHttpOptions Limits { get; } = limits.Value;

    /// <summary>Wraps and checks list cursors (<see cref="MemoryHttpOptions.CursorKeys"/>).</summary>
    public CursorCodec Cursors { get; } = new(limits.Value);

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Who is calling; every handler resolves its partition through <see cref="RequestScope"/> with it.</summary>
    public CallerAuthenticator Authenticator { get; } = authenticator;

    /// <summary>Each tenant's requests per second (<c>Memory:Quotas</c>), checked in <see cref="ScopedCall"/>.</summary>
    public TenantRateLimiter RateLimiter { get; } = rateLimiter;

    /// <summary>Each tenant's quotas on users, memories and queued operations (<c>Memory:Quotas</c>), checked in <see cref="ScopedCall"/>.</summary>
    public TenantAdmission Admission { get; } = admission;

    /// <summary>Each tenant's share of the handlers while other tenants are active (<c>Memory:Quotas</c>), taken in <see cref="ScopedCall"/>.</summary>
    public TenantRequestGate Gate { get; } = gate;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("MemoryFunctions.Http.MemoryApi");
}
