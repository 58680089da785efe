using MemoryFunctions.Client;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class MemoryClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MemoryClient"/> as a typed HttpClient with the standard resilience handler (retries of 408,
    /// 429, 5xx and network errors with exponential back-off honouring <c>Retry-After</c>, a circuit breaker and
    /// timeouts). PATCH and DELETE are not retried: after a lost answer the retry would see its own change (a 412 or
    /// 404). POSTs are: creating a memory is idempotent by content, and ingestion always carries an Idempotency-Key.
    /// Returns the builder, so a host can add handlers or swap the primary handler.
    /// </summary>
    public static IHttpClientBuilder AddMemoryClient(this IServiceCollection services, Action<MemoryClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MemoryClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress.IsAbsoluteUri, "MemoryClientOptions.BaseAddress must be an absolute URL such as http://127.0.0.1:7071/api/.")
            .Validate(o => o.Credential is null || o.Scopes.Count > 0, "MemoryClientOptions.Scopes is required with a Credential, e.g. api://<app-id>/.default.");
        services.AddTransient<MemoryAuthHandler>();
        var builder = services.AddHttpClient<MemoryClient>((sp, http) =>
        {
            var address = sp.GetRequiredService<IOptions<MemoryClientOptions>>().Value.BaseAddress;

            // Relative routes resolve under the API root only when it ends with a slash.
            http.BaseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        });
        builder.AddStandardResilienceHandler(resilience => resilience.Retry.DisableFor(HttpMethod.Patch, HttpMethod.Delete));
        builder.AddHttpMessageHandler<MemoryAuthHandler>();
        return builder;
    }
}
