using MemoryFunctions.Http.EventGrid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Tests.EventGrid;

public sealed class EventGridApiMappingTests
{
    private static List<(string Route, string Method)> Routes(IEndpointRouteBuilder endpoints) =>
        [.. endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (endpoint.RoutePattern.RawText!, method)))
            .OrderBy(route => route.Item2, StringComparer.Ordinal)];

    [Fact]
    public async Task MapEventGridApi_DefaultPrefix_MapsPostAndOptionsUnderApi()
    {
        await using var app = WebApplication.CreateBuilder().Build();

        app.MapEventGridApi();

        Assert.Equal([("/api/eventgrid", HttpMethods.Options), ("/api/eventgrid", HttpMethods.Post)], Routes(app));
    }

    [Fact]
    public async Task MapEventGridApi_IntoApiGroup_DoesNotRepeatThePrefix()
    {
        await using var app = WebApplication.CreateBuilder().Build();

        app.MapGroup("/api").MapEventGridApi(routePrefix: string.Empty);

        Assert.Equal([("/api/eventgrid", HttpMethods.Options), ("/api/eventgrid", HttpMethods.Post)], Routes(app));
    }
}
