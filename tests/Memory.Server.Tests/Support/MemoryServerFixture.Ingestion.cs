using MemoryFunctions.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>
/// The server variant for ingestion tests. The fixture's fake clock creates real timers, so the runner never stalls on it,
/// but its retry back-off would then take real seconds, and the tests need to move time between conversations (a fact
/// ends when the next one starts, and that must be after the first one began). This variant has its own settable clock
/// whose timers fire at once. Tests of the collection run one at a time, so each may set it.
/// </summary>
public sealed partial class MemoryServerFixture
{
    private readonly Lock _ingestionLock = new();
    private WebApplicationFactory<Program>? _ingestion;

    public ImmediateTimeProvider IngestionClock { get; } = new();

    public WebApplicationFactory<Program> IngestionFactory
    {
        get
        {
            lock (_ingestionLock)
            {
                return _ingestion ??= CreateFactory(replace: services => services.AddSingleton<TimeProvider>(IngestionClock));
            }
        }
    }
}
