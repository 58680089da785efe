using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Finds out who a request comes from, once per request: an Entra bearer token (<c>Authorization: Bearer</c>) or a scoped
/// API key (<c>x-functions-key</c> / <c>?code=</c>). The caller is kept in the request's features and as
/// <c>HttpContext.User</c> (named <see cref="MemoryCaller.Name"/>). With nothing configured every request is
/// <see cref="MemoryCaller.Open"/>; with anything configured a request without a valid credential gets 401.
/// </summary>
public sealed class CallerAuthenticator(IOptions<MemoryAuthOptions> options, ApiKeyValidator keys, EntraTokenValidator? entra, ILogger<CallerAuthenticator> logger)
{
    private const string BearerPrefix = "Bearer ";
    private readonly MemoryAuthOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    public async ValueTask<(MemoryCaller? Caller, ProblemHttpResult? Problem)> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<MemoryCaller>() is { } known)
        {
            return (known, null);
        }

        var (caller, failure) = await IdentifyAsync(context.Request, cancellationToken);
        if (caller is null)
        {
            // Method, path and reason only: never the key or the token, not even a prefix.
            Log.CredentialRejected(logger, context.Request.Method, context.Request.Path.Value ?? "/", failure!);
            return (null, ApiProblems.Unauthorized(failure!));
        }

        context.Features.Set(caller);
        context.User = caller.ToPrincipal();
        return (caller, null);
    }

    private async ValueTask<(MemoryCaller? Caller, string? Failure)> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            // Open mode ignores credentials, so a client configured for a deployment also works against `dotnet run`.
            return (MemoryCaller.Open, null);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return entra is null
                ? (null, "bearer tokens are not accepted here (Memory:Auth:Entra is not configured); send an API key in x-functions-key.")
                : await entra.ValidateAsync(authorization[BearerPrefix.Length..].Trim(), cancellationToken);
        }

        var presented = ApiKeyValidator.Presented(request);
        if (presented is null)
        {
            return (null, "this API needs a credential: an API key in x-functions-key, or an Entra ID token in Authorization: Bearer.");
        }

        if (!keys.IsEnabled)
        {
            return (null, "API keys are not accepted here; send an Entra ID token in Authorization: Bearer.");
        }

        var key = keys.Find(presented);
        return key is null
            ? (null, "the API key is not valid.")
            : (new MemoryCaller
            {
                Name = "key:" + key.Id,
                IsAuthenticated = true,
                Tenants = key.Tenants.Count == 0 ? null : [.. key.Tenants],
                UserId = key.User,
                Self = key.User,
                Role = key.Role,
                CallbackUrl = key.CallbackUrl,
            }, null);
    }
}
