using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>), the API's contract: a client generated from it can make every call.
/// Handlers read headers and query strings themselves, so what they read is declared on each route
/// (<see cref="DocumentedParameter"/>) and described here, with the tenant header, both credentials (API key or Entra ID
/// bearer token) and the problem types every error carries.
/// </summary>
public static class OpenApiExtensions
{
    public const string KeySchemeName = "apiKey";
    public const string BearerSchemeName = "bearer";

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
                    Description = $"A scoped key (Memory:Auth:Keys; docs/security.md); not needed when no authentication is configured. The '{MemoryHeaders.KeyQueryParameter}' query parameter works too.",
                };
                document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A Microsoft Entra ID access token (v2) for the API's app registration, with its roles or scopes (docs/security.md).",
                };
                DescribeProblemTypes(document.Components);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                DescribeEnum(schema, context.JsonTypeInfo.Type);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var path = context.Description.RelativePath ?? string.Empty;
                if (!path.StartsWith("api/", StringComparison.Ordinal) || path == "api/health")
                {
                    return Task.CompletedTask;
                }

                operation.Parameters ??= [];
                if (!path.StartsWith("api/eventgrid", StringComparison.Ordinal))
                {
                    operation.Parameters.Add(Parameter(MemoryHeaders.TenantId, ParameterLocation.Header, required: false,
                        $"Tenant id (default: the credential's only tenant, or '{MemoryHeaders.DefaultTenant}' when open); same rules as user ids.", IdSchema()));
                }

                foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedParameter>())
                {
                    var schema = new OpenApiSchema { Type = JsonType(declared.Type) };
                    operation.Parameters.Add(Parameter(
                        declared.Name,
                        declared.In == DocumentedParameterLocation.Header ? ParameterLocation.Header : ParameterLocation.Query,
                        declared.Required,
                        declared.Description,
                        declared.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema));
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeySchemeName, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });

    /// <summary>Every problem+json body's <c>type</c> is one of <see cref="ProblemTypes"/>: listed on the problem schemas, so clients can switch on it.</summary>
    private static void DescribeProblemTypes(OpenApiComponents components)
    {
        var types = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToList();
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (components.Schemas?.TryGetValue(name, out var schema) == true && schema is OpenApiSchema { Properties: { } properties } problem
                && properties.TryGetValue("type", out var typeProperty) && typeProperty is OpenApiSchema type)
            {
                type.Enum = [.. types.Select(value => (JsonNode)JsonValue.Create(value))];
                type.Description = "A stable URN naming the kind of error (docs/errors.md).";
                problem.Description = "RFC 9457 problem details: type, title, status, detail naming the field and the fix, and per-field errors for 400.";
            }
        }
    }

    /// <summary>
    /// Enums travel as camelCase names only (StrictEnumConverterFactory), which the generator cannot see through a custom
    /// converter: it would describe them as untyped, and a generated client could neither send nor read them.
    /// </summary>
    private static void DescribeEnum(OpenApiSchema schema, Type type)
    {
        if ((Nullable.GetUnderlyingType(type) ?? type) is not { IsEnum: true } enumType)
        {
            return;
        }

        schema.Type = type == enumType ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Enum = [.. Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(name)))];
    }

    private static OpenApiParameter Parameter(string name, ParameterLocation location, bool required, string description, IOpenApiSchema schema) =>
        new() { Name = name, In = location, Required = required, Description = description, Schema = schema };

    private static OpenApiSchema IdSchema() => new() { Type = JsonSchemaType.String, Pattern = IdRules.Pattern };

    private static JsonSchemaType JsonType(string type) => type switch
    {
        "integer" => JsonSchemaType.Integer,
        "boolean" => JsonSchemaType.Boolean,
        _ => JsonSchemaType.String,
    };
}
