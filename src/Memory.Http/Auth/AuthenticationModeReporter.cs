using MemoryFunctions.Http.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Auth;

/// <summary>Says at start-up who may call: open (a warning), unscoped single-tenant keys (a warning), or what is configured.</summary>
internal sealed class AuthenticationModeReporter(IOptions<MemoryAuthOptions> options, ILogger<AuthenticationModeReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (!auth.IsConfigured)
        {
            Log.AuthenticationOpen(logger);
            return Task.CompletedTask;
        }

        var unscoped = auth.Keys.Where(key => key.Tenants.Count == 0).Select(key => key.Id).ToList();
        if (unscoped.Count > 0)
        {
            Log.UnscopedKeys(logger, unscoped.Count, string.Join(", ", unscoped));
        }

        Log.AuthenticationOn(logger, auth.Keys.Count - unscoped.Count, auth.Entra.IsConfigured ? "from " + auth.Entra.Authority : "off");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
