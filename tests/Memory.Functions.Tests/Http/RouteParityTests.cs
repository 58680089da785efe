using System.Text.Json;
using MemoryFunctions.Core;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// The HTTP routes the worker SDK generated into <c>functions.metadata</c> (what the Functions host serves) equal the
/// routes the local server maps (<see cref="MemoryHttpEndpoints.MapMemoryHttpApi"/>, read from its endpoint data
/// source), method by method, and carry the same names. Orchestration and activity functions are listed there too.
/// </summary>
public sealed class RouteParityTests
{
    [Fact]
    public void FunctionsMetadata_HttpTriggers_MatchTheServersEndpoints()
    {
        var server = ServerRoutes().Order(StringComparer.Ordinal).ToList();
        var functions = Metadata()
            .SelectMany(function => function.Bindings
                .Where(binding => binding.Type == "httpTrigger")
                .SelectMany(binding => (binding.Methods ?? []).Select(method => $"{function.Name} {method.ToUpperInvariant()} /api/{binding.Route}")))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(server);
        Assert.Equal(server, functions);
    }

    [Fact]
    public void FunctionsMetadata_ListsTheOrchestratorsAndEveryWorkflowEraseCallbackAndPurgeStep()
    {
        var byTrigger = Metadata().ToLookup(function => function.Bindings.Select(binding => binding.Type).First(type => type.EndsWith("Trigger", StringComparison.Ordinal)));

        Assert.Equal([EraseOrchestrator.Name, HistoryPurgeOrchestrator.Name, IngestionOrchestrator.Name], byTrigger["orchestrationTrigger"].Select(function => function.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            WorkflowSteps.All.Select(step => step.Name).Concat(EraseActivities.Names).Concat(CallbackActivities.Names).Concat(HistoryPurgeActivities.Names).Order(StringComparer.Ordinal),
            byTrigger["activityTrigger"].Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    private static List<string> ServerRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMemoryCore().AddMemoryHttp().AddMemoryIngestion();
        using var app = builder.Build();
        app.MapMemoryHttpApi();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {method} /{endpoint.RoutePattern.RawText!.Trim('/')}"))
            .ToList();
    }

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static List<FunctionMetadata> Metadata() =>
        JsonSerializer.Deserialize<List<FunctionMetadata>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")), WebJson)!;

    private sealed record FunctionMetadata(string Name, IReadOnlyList<BindingMetadata> Bindings);

    private sealed record BindingMetadata(string Type, string? Route, IReadOnlyList<string>? Methods);
}
