using System.Text;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>Requests for calling HTTP trigger methods directly, and the response an <see cref="IResult"/> writes.</summary>
internal static class TriggerRequests
{
    public static HttpContext Create(IServiceProvider services, string method, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Executes <paramref name="result"/> as the worker's ASP.NET Core integration does; returns status and body.</summary>
    public static async Task<(int Status, string Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
