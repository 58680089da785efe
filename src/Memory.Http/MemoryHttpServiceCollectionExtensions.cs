using System.ComponentModel.DataAnnotations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MemoryFunctions.Http;

public static class MemoryHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP contract: limits (<c>Memory:Http</c>), who may call (<c>Memory:Auth</c>), problem details with
    /// the contract's type URIs, the exception handler, the shared JSON settings and the handlers' dependencies.
    /// Needs <c>AddMemoryCore()</c> plus a store and an embedder. Hosts still call <c>UseExceptionHandler()</c>.
    /// </summary>
    public static IServiceCollection AddMemoryHttp(this IServiceCollection services)
    {
        services.AddOptions<MemoryHttpOptions>()
            .BindConfiguration(MemoryHttpOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultPageSize <= o.MaxPageSize, "Memory:Http:DefaultPageSize must not exceed Memory:Http:MaxPageSize.")
            .Validate(o => o.DefaultTopK <= o.MaxTopK, "Memory:Http:DefaultTopK must not exceed Memory:Http:MaxTopK.")
            .Validate(
                o => o.MinContextTokens <= o.DefaultContextTokens && o.DefaultContextTokens <= o.MaxContextTokens,
                "Memory:Http:DefaultContextTokens must lie between Memory:Http:MinContextTokens and Memory:Http:MaxContextTokens.")
            .Validate(o => o.CursorKeys.All(IsCursorKey), "Memory:Http:CursorKeys: each key must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();
        services.AddOptions<TenantQuotaOptions>()
            .BindConfiguration(TenantQuotaOptions.SectionName)
            .Validate(
                o => o.Tenants.Values.Append(o.Default).All(IsValid),
                "Memory:Quotas: RequestsPerSecond must lie between 0.001 and 1000000, Burst between 1 and 1000000, MaxQueuedOperations and MaxUsers between 1 and 100000000, MaxMemories between 1 and 10000000000 (or be unset), for Default and every entry of Tenants.")
            .Validate(
                o => o.ConcurrentRequests >= 1 && o.SharedConcurrentRequests is null or >= 1 && o.MaxWaitingRequests >= 0 && o.ConcurrencyWait > TimeSpan.Zero && o.ActiveWindow >= TimeSpan.Zero,
                "Memory:Quotas: ConcurrentRequests and SharedConcurrentRequests must be at least 1, MaxWaitingRequests at least 0, ConcurrencyWait more than 0 and ActiveWindow at least 0.")
            .ValidateOnStart();
        services.TryAddSingleton<TenantRateLimiter>();
        services.TryAddSingleton<TenantRequestGate>();
        services.TryAddSingleton<TenantAdmission>();
        services.AddMemoryAuth();
        services.TryAddSingleton<MemoryApiServices>();
        services.TryAddSingleton<IEventGridIngestion, IngestionServiceEventGridIngestion>();
        services.ConfigureHttpJsonOptions(options => MemoryJson.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // Problems the framework makes itself (unknown route, wrong method) get the contract's types too.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = TypeFor(problem.Status ?? context.HttpContext.Response.StatusCode);
            }

            problem.Instance ??= context.HttpContext.Request.Path.Value;
            problem.Detail ??= DetailFor(problem.Status ?? context.HttpContext.Response.StatusCode, context.HttpContext.Request);
        });
        services.AddExceptionHandler<MemoryExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Who may call (<c>Memory:Auth</c>, validated at start-up): scoped keys, Entra ID tokens (signing keys from the
    /// authority's OpenID Connect metadata; a test registers its own <see cref="IConfigurationManager{T}"/> first), and the
    /// start-up line that says which.
    /// </summary>
    private static IServiceCollection AddMemoryAuth(this IServiceCollection services)
    {
        services.AddOptions<MemoryAuthOptions>().BindConfiguration(MemoryAuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryAuthOptions>, MemoryAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuthenticationModeReporter>());
        services.TryAddSingleton(provider => new ApiKeyValidator(provider.GetRequiredService<IOptions<MemoryAuthOptions>>().Value.Keys));
        services.TryAddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(provider => new ConfigurationManager<OpenIdConnectConfiguration>(
            provider.GetRequiredService<IOptions<MemoryAuthOptions>>().Value.Entra.ResolvedMetadataAddress,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = true }));
        services.TryAddSingleton<EntraTokenValidator>();
        services.TryAddSingleton(provider => new CallerAuthenticator(
            provider.GetRequiredService<IOptions<MemoryAuthOptions>>(),
            provider.GetRequiredService<ApiKeyValidator>(),
            provider.GetRequiredService<IOptions<MemoryAuthOptions>>().Value.Entra.IsConfigured ? provider.GetRequiredService<EntraTokenValidator>() : null,
            provider.GetRequiredService<ILogger<CallerAuthenticator>>()));
        return services;
    }

    private static bool IsValid(TenantQuota quota) => Validator.TryValidateObject(quota, new ValidationContext(quota), null, validateAllProperties: true);

    private static bool IsCursorKey(string key)
    {
        var bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key, bytes, out var length) && length >= 32;
    }

    private static string DetailFor(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"No route matches '{request.Path}'; the API lives under /api (see docs/api.md).",
        StatusCodes.Status405MethodNotAllowed => $"'{request.Method}' is not supported on '{request.Path}'; see docs/api.md for the methods of each route.",
        StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{request.ContentType ?? "(none)"}' is not supported; send the body as 'application/json'.",
        StatusCodes.Status413PayloadTooLarge => "The body exceeds the configured limit (Memory:Http:MaxRequestBodyBytes); send less data per request.",
        _ => "The request could not be processed; see docs/errors.md for this problem type.",
    };

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ProblemTypes.BadRequest,
        StatusCodes.Status401Unauthorized => ProblemTypes.Unauthorized,
        StatusCodes.Status403Forbidden => ProblemTypes.OutOfScope,
        StatusCodes.Status404NotFound => ProblemTypes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemTypes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ProblemTypes.Conflict,
        StatusCodes.Status412PreconditionFailed => ProblemTypes.PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType,
        _ => ProblemTypes.Internal,
    };
}
