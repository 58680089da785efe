using System.Text.RegularExpressions;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

/// <summary>
/// The Functions host cannot be built here (its packages are not in this machine's NuGet mirror), so its HTTP triggers
/// are checked from source: every route the local server maps must have a trigger with the same method and template,
/// and no trigger may invent a route. Event Grid arrives through an Event Grid trigger there, OpenAPI only here.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed partial class FunctionsRouteParityTests(MemoryServerFixture fixture)
{
    private static readonly string[] ServerOnly = ["/api/eventgrid", "/openapi"];

    [Fact]
    public void HttpTriggers_SameMethodsAndRoutesAsTheServer()
    {
        var server = MappedRoutes.Of(fixture.Factory.Services)
            .Where(route => !ServerOnly.Any(prefix => route.Pattern.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(route => $"{route.Method} {route.Pattern}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var functions = FunctionTriggers().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(functions);
        Assert.Equal(server, functions);
    }

    private static IEnumerable<string> FunctionTriggers()
    {
        var httpFolder = Path.Combine(RepositoryRoot(), "src", "Memory.Functions", "Http");
        var routes = RouteConstant().Matches(File.ReadAllText(Path.Combine(httpFolder, "FunctionRoutes.cs")))
            .ToDictionary(match => match.Groups["name"].Value, match => match.Groups["template"].Value, StringComparer.Ordinal);
        return Directory.EnumerateFiles(httpFolder, "*.cs")
            .SelectMany(file => Trigger().Matches(File.ReadAllText(file)))
            .SelectMany(match => match.Groups["methods"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(method => $"{method.Trim('"').ToUpperInvariant()} /api/{routes[match.Groups["route"].Value]}"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MemoryFunctions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MemoryFunctions.sln not found above the test output.");
    }

    [GeneratedRegex("""public const string (?<name>\w+) = "(?<template>[^"]+)";""")]
    private static partial Regex RouteConstant();

    [GeneratedRegex("""\[HttpTrigger\(AuthorizationLevel\.\w+,\s*(?<methods>(?:"\w+",\s*)+)Route = FunctionRoutes\.(?<route>\w+)\)\]""")]
    private static partial Regex Trigger();
}
