using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemoryFunctions.Http.Callbacks;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// Completion callbacks for a host whose runner reports finished operations (<see cref="IOperationFinishedListener"/>;
    /// the local server). Settings from <c>Memory:Callbacks</c>, checked at start-up. A host without this refuses every
    /// <c>callbackUrl</c> with a 400, rather than accepting one it would never call.
    /// </summary>
    public static IServiceCollection AddCompletionCallbacks(this IServiceCollection services)
    {
        services.AddOptions<CallbackOptions>()
            .BindConfiguration(CallbackOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.IsSecretValid, "Memory:Callbacks:Secret must be at least 32 characters when Memory:Callbacks:AllowedHosts lists any host (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();

        // Redirects are not followed: a receiver on an allowed host must not bounce the signed body to one that is not.
        services.AddHttpClient(CompletionCallbackDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<CompletionCallbackDispatcher>();
        services.AddSingleton<IOperationFinishedListener>(provider => provider.GetRequiredService<CompletionCallbackDispatcher>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<CompletionCallbackDispatcher>());
        return services;
    }
}
