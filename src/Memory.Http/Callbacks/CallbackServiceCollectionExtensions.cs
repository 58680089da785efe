using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Callbacks;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// What sends completion callbacks on either host: settings from <c>Memory:Callbacks</c>, checked at start-up, the HTTP
    /// client and <see cref="CompletionCallbackSender"/>. A host registers it only with something that calls the sender when
    /// an operation ends (<see cref="AddCompletionCallbacks"/> here; the Functions app's orchestration): a host without the
    /// sender refuses every <c>callbackUrl</c> with a 400, rather than accept one it would never call.
    /// </summary>
    public static IServiceCollection AddCompletionCallbackSender(this IServiceCollection services)
    {
        services.AddOptions<CallbackOptions>()
            .BindConfiguration(CallbackOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.IsSecretValid, "Memory:Callbacks:Secret must be at least 32 characters when Memory:Callbacks:AllowedHosts lists any host (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();

        // Redirects are not followed: a receiver on an allowed host must not bounce the signed body to one that is not.
        services.AddHttpClient(CompletionCallbackSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.TryAddSingleton<CompletionCallbackSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryAuthOptions>, KeyCallbackUrlValidator>());
        return services;
    }

    /// <summary>
    /// Completion callbacks for a host whose in-process runner reports finished operations (<see cref="IOperationFinishedListener"/>;
    /// the local server): the sender, and <see cref="CompletionCallbackDispatcher"/> retrying it (durably when the store keeps an <see cref="ICallbackBacklog"/>).
    /// </summary>
    public static IServiceCollection AddCompletionCallbacks(this IServiceCollection services)
    {
        services.AddCompletionCallbackSender();
        services.AddSingleton<CompletionCallbackDispatcher>();
        services.AddSingleton<IOperationFinishedListener>(provider => provider.GetRequiredService<CompletionCallbackDispatcher>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<CompletionCallbackDispatcher>());
        return services;
    }
}
