using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// The docs test's server: open, on real Kestrel at a free loopback port, with its own store (so the pages' user
/// <c>alice</c> and the default tenant start empty) and a settable clock whose timers fire at once, set to the day after
/// the pages' conversation (20 November 2026), so the dates the pages show are the ones the server answers.
/// </summary>
public sealed class DocsServer : IDisposable
{
    private readonly MemoryServerFixture _fixture = new();

    public DocsServer()
    {
        _fixture.IngestionClock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 10, 48, 28, TimeSpan.Zero));
        var server = _fixture.StartKestrel(replace: services => services.AddSingleton<TimeProvider>(_fixture.IngestionClock));
        Client = server.CreateClient();
    }

    public HttpClient Client { get; }

    public void Advance(TimeSpan by) => _fixture.IngestionClock.Advance(by);

    public void Dispose()
    {
        Client.Dispose();
        _fixture.Dispose();
    }
}
