using MemoryFunctions.Http;
using MemoryFunctions.Core.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>). Handlers read headers themselves, so the tenant header and the key
/// are described here rather than inferred from handler parameters.
/// </summary>
public static class OpenApiExtensions
{
    private const string KeySchemeName = "functionsKey";

    public static IServiceCollection AddMemoryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "MemoryFunctions API";
                document.Info.Description = "Per-user memories for AI agents. Errors are RFC 9457 problem+json; see docs/api.md and docs/errors.md.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[KeySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = MemoryHeaders.FunctionsKey,
                    Description = $"A scoped key (Memory:Auth:Keys; docs/security.md), or an Entra ID token as 'Authorization: Bearer'; not needed when no authentication is configured. The '{MemoryHeaders.KeyQueryParameter}' query parameter works too.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/users", StringComparison.Ordinal) == true)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = MemoryHeaders.TenantId,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = $"Tenant id (default: the credential's only tenant, or '{MemoryHeaders.DefaultTenant}' when open); same rules as user ids.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = IdRules.Pattern },
                    });
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeySchemeName, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
}
