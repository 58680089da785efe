using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>
/// The OpenAPI document is the contract: it parses and validates as OpenAPI, and every route the app maps (read from the
/// app's own endpoint data source, so a new route cannot escape) is in it with its method, body, credentials, tenant header
/// and every query parameter and header the route declares it reads.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class OpenApiContractTests(MemoryServerFixture fixture)
{
    [Fact]
    public async Task Document_ParsesAndValidatesAsOpenApi()
    {
        var json = await DocumentTextAsync();

        var read = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task Document_HasEveryMappedRouteWithItsBodyCredentialsAndParameters()
    {
        var paths = JsonNode.Parse(await DocumentTextAsync())!["paths"]!.AsObject();
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !endpoint.RoutePattern.RawText.StartsWith("/api/mcp", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} routes found");

        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var name = $"{method} {path}";
                var operation = paths[path]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{name} is not in the OpenAPI document");
                if (path == "/api/health")
                {
                    continue;
                }

                var security = operation!["security"]!.AsArray().Select(requirement => requirement!.AsObject().Single().Key).ToList();
                Assert.True(security.Contains("apiKey") && security.Contains("bearer"), $"{name}: security {string.Join(", ", security)}");
                var parameters = operation["parameters"]?.AsArray().Select(p => ((string)p!["name"]!, (string)p["in"]!, (bool?)p["required"] ?? false)).ToList() ?? [];
                if (!path.StartsWith("/api/eventgrid", StringComparison.Ordinal))
                {
                    Assert.Contains(("x-tenant-id", "header", false), parameters);
                }

                if (method is "POST" or "PATCH" or "PUT")
                {
                    Assert.True(operation["requestBody"] is not null, $"{name} has no request body");
                }

                foreach (var declared in endpoint.Metadata.GetOrderedMetadata<DocumentedParameter>())
                {
                    Assert.Contains((declared.Name, declared.In.ToString().ToLowerInvariant(), declared.Required), parameters);
                }
            }
        }
    }

    [Fact]
    public async Task Document_DescribesTheAsyncContract()
    {
        var document = JsonNode.Parse(await DocumentTextAsync())!;
        var paths = document["paths"]!;

        var submit = paths["/api/users/{userId}/messages"]!["post"]!;
        Assert.NotNull(submit["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.Contains(submit["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.NotNull(submit["responses"]!["202"]);
        Assert.Contains(paths["/api/operations/{operationId}"]!["get"]!["parameters"]!.AsArray(), p => (string?)p!["name"] == "userId" && (string?)p["in"] == "query" && (bool?)p["required"] == true);
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        Assert.Equal("x-functions-key", (string?)document["components"]!["securitySchemes"]!["apiKey"]!["name"]);
        var problemTypes = document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Contains("urn:memoryfunctions:problem:validation", problemTypes);
        Assert.Contains("urn:memoryfunctions:problem:out-of-scope", problemTypes);
    }

    /// <summary>
    /// docs/openapi.json is the served document, committed: the generated-client test (tests/Memory.GeneratedClient.Tests)
    /// builds a Kiota client from it, so a contract change shows in review and reaches that test.
    /// </summary>
    [Fact]
    public async Task Document_EqualsTheCommittedDocsOpenApiJson()
    {
        var served = JsonNode.Parse(await DocumentTextAsync())!.AsObject();
        served.Remove("servers");
        var committed = RepositoryRoot.File("docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(committed, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(committed)), served),
            $"docs/openapi.json is not the served document: run `{UpdateVariable}=1 dotnet test tests/Memory.Server.Tests --filter {nameof(Document_EqualsTheCommittedDocsOpenApiJson)}` and commit the file.");
    }

    private const string UpdateVariable = "MEMORY_UPDATE_OPENAPI";

    private async Task<string> DocumentTextAsync()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
