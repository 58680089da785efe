using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Endpoints;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Auth;

/// <summary>Refuses, at start-up, any <c>Memory:Auth</c> setting that would let a credential reach more than it was given.</summary>
internal sealed class MemoryAuthOptionsValidator : IValidateOptions<MemoryAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ApiKeys.Any(key => !string.IsNullOrEmpty(key)))
        {
            failures.Add("Memory:Auth:ApiKeys (plain-text keys) is no longer read: move each key to Memory:Auth:Keys with its hash, tenant and role (docs/security.md, 'keys new').");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = $"Memory:Auth:Keys:{i}";
            if (!IdRules.IsValid(key.Id) || !ids.Add(key.Id))
            {
                failures.Add($"{at}:Id must be a unique name (letters, digits, '.', '_', '@', '-'); logs and audit show it instead of the key.");
            }

            if (!ApiKeyHashes.TryParse(key.Hash, out _))
            {
                failures.Add($"{at}:Hash must be 'sha256:' and 64 hex digits of the key; make one with 'dotnet run --project src/Memory.Server -- keys new' (never store the key itself).");
            }
            else if (!hashes.Add(key.Hash))
            {
                failures.Add($"{at}:Hash is the hash of another entry's key: one key has one scope; rotate by adding a new key.");
            }

            if (key.Tenants.Count == 0 && !options.SingleTenant)
            {
                failures.Add($"{at}:Tenants is empty: name the tenant(s) the key reaches, or set Memory:Auth:SingleTenant=true if this deployment serves one tenant.");
            }

            if (key.Tenants.Any(tenant => !IdRules.IsValid(tenant)))
            {
                failures.Add($"{at}:Tenants: {IdRules.Describe("tenant")}");
            }

            if (key.User is not null && (!IdRules.IsValid(key.User) || key.User == RequestScope.SelfAlias))
            {
                failures.Add($"{at}:User: {IdRules.Describe("user")} '{RequestScope.SelfAlias}' is reserved for the caller's own user.");
            }

            if (!Enum.IsDefined(key.Role) || key.Role == MemoryRole.None)
            {
                failures.Add($"{at}:Role must be read, write or admin.");
            }
        }

        if (options.Entra.IsConfigured)
        {
            if (!Uri.TryCreate(options.Entra.ResolvedMetadataAddress, UriKind.Absolute, out var metadata) || metadata.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Memory:Auth:Entra:Authority must be an https URL such as https://login.microsoftonline.com/<tenant-id>/v2.0.");
            }

            if (!options.Entra.Audiences.Any(audience => !string.IsNullOrWhiteSpace(audience)))
            {
                failures.Add("Memory:Auth:Entra:Audiences needs the app's client id or Application ID URI: tokens for any other audience are refused.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
