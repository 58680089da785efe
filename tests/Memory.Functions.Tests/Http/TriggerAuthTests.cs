using System.Reflection;
using System.Text.Json;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// Every HTTP function the worker SDK generated into <c>functions.metadata</c> is anonymous at the platform (function keys
/// are app-wide, so they cannot scope anything) and checks its caller in the worker: each trigger method, called as the
/// host would call it, refuses no or a wrong credential (401), another tenant or user and a lower role (403), and lets the
/// right scoped key or Entra token through. A function added later without the check fails here.
/// </summary>
public sealed class TriggerAuthTests
{
    private const string Tenant = "t1";
    private const string User = "u1";

    private static readonly Dictionary<string, string?> Settings = TestKeys.Settings(
        [
            new TestKey("t1-admin", "t1-admin-key", [Tenant], null, "admin"),
            new TestKey("t1-write", "t1-write-key", [Tenant], null, "write"),
            new TestKey("t1-read", "t1-read-key", [Tenant], null, "read"),
            new TestKey("t1-u1", "t1-u1-key", [Tenant], User, "write"),
            new TestKey("t2-admin", "t2-admin-key", ["t2"], null, "admin"),
        ],
        entra: true);

    [Fact]
    public void EveryHttpFunction_AnonymousAtThePlatformAndGivenARole()
    {
        var functions = HttpFunctions();

        Assert.True(functions.Count >= 16, $"{functions.Count} HTTP functions");
        Assert.All(functions, function => Assert.Equal("Anonymous", function.AuthLevel));
        Assert.All(functions, function => Assert.True(RouteRoles.ByName.ContainsKey(function.Name), $"{function.Name} has no role in RouteRoles"));
    }

    [Fact]
    public async Task EveryHttpFunction_EachCredential_RefusedOrAllowedAsItsScopeSays()
    {
        using var issuer = new TestTokenIssuer();
        await using var host = await DurableFunctionsHost.StartAsync(services =>
        {
            services.Configure<MemoryAuthOptions>(options => new ConfigurationBuilder().AddInMemoryCollection(Settings).Build().GetSection(MemoryAuthOptions.SectionName).Bind(options));
            services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(issuer.Metadata));
        });

        foreach (var function in HttpFunctions())
        {
            var role = RouteRoles.ByName[function.Name];
            var cases = new List<(string Tenant, string User, string? Key, string? Bearer, int[] Expected)>
            {
                (Tenant, User, null, null, role == RouteRoles.Anonymous ? [200] : [401]),
                (Tenant, User, "wrong-key", null, role == RouteRoles.Anonymous ? [200] : [401]),
                (Tenant, User, null, issuer.Issue(Tenant, User, ["Memory.Admin"], null, signWithStranger: true), role == RouteRoles.Anonymous ? [200] : [401]),
            };
            if (RouteRoles.NamesAPartition(function.Name, role))
            {
                cases.Add((Tenant, User, "t2-admin-key", null, [403]));
                cases.Add(("t2", User, null, issuer.Delegated(Tenant, User), [403]));
                cases.Add((Tenant, "u2", "t1-u1-key", null, [403]));
                cases.Add((Tenant, "u2", null, issuer.Delegated(Tenant, User), [403]));
            }

            if (role is RouteRoles.Read or RouteRoles.Write or RouteRoles.Admin)
            {
                var below = role switch { RouteRoles.Admin => "t1-write-key", RouteRoles.Write => "t1-read-key", _ => null };
                cases.Add((Tenant, "u2", below, below is null ? issuer.App(Tenant) : null, [403]));
                cases.Add((Tenant, "u3", "t1-admin-key", null, Allowed));
                int[] userBound = RouteRoles.IsTenantWide(function.Name) ? [403] : Allowed;
                cases.Add((Tenant, User, "t1-u1-key", null, userBound));
                cases.Add((Tenant, User, null, issuer.Delegated(Tenant, User), userBound));
            }

            foreach (var (tenant, user, key, bearer, expected) in cases)
            {
                var (status, body) = await InvokeAsync(host, function, tenant, user, key, bearer);
                Assert.True(expected.Contains(status), $"{function.Name} as {key ?? (bearer is null ? "nobody" : "token")} on {tenant}/{user}: {status} {body}");
            }
        }
    }

    private static readonly int[] Allowed = [200, 201, 202, 204, 400, 404, 409, 412, 422];

    private static async Task<(int Status, string Body)> InvokeAsync(DurableFunctionsHost host, HttpFunction function, string tenant, string user, string? key, string? bearer)
    {
        var isEventGrid = function.Route == "eventgrid";
        var body = function.Method switch
        {
            "post" when isEventGrid => RouteRoles.EventFor(tenant, user),
            "post" or "patch" => RouteRoles.AnyBody,
            _ => null,
        };
        var context = TriggerRequests.Create(host.Services, function.Method.ToUpperInvariant(), body);
        if (isEventGrid)
        {
            context.Request.Headers["aeg-event-type"] = "Notification";
            context.Request.Headers["WebHook-Request-Origin"] = "eventgrid.azure.net";
        }
        else
        {
            context.Request.Headers["x-tenant-id"] = tenant;
        }

        if (function.Route == "operations/{operationId}")
        {
            context.Request.QueryString = new QueryString("?userId=" + user);
        }

        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        var arguments = function.Entry.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var type when type == typeof(HttpRequest) => context.Request,
            var type when type == typeof(DurableTaskClient) => host.Client,
            var type when type == typeof(CancellationToken) => CancellationToken.None,
            _ => (object)(parameter.Name switch
            {
                "userId" => user,
                "id" => "mem_probe",
                "operationId" => "op_probe",
                var other => throw new InvalidOperationException($"No probe value for {function.Name}'s parameter '{other}': add one."),
            }),
        }).ToArray();
        var target = function.Entry.IsStatic ? null : ActivatorUtilities.CreateInstance(host.Services, function.Entry.DeclaringType!);
        var returned = function.Entry.Invoke(target, arguments);
        var result = returned is Task<IResult> pending ? await pending : (IResult)returned!;
        return await TriggerRequests.ExecuteAsync(result, context);
    }

    private static List<HttpFunction> HttpFunctions()
    {
        var assembly = typeof(HealthHttpTrigger).Assembly;
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return
        [
            .. from function in metadata.RootElement.EnumerateArray()
               from binding in function.GetProperty("bindings").EnumerateArray()
               where binding.GetProperty("type").GetString() == "httpTrigger"
               let entryPoint = function.GetProperty("entryPoint").GetString()!
               let type = assembly.GetType(entryPoint[..entryPoint.LastIndexOf('.')], throwOnError: true)!
               select new HttpFunction(
                   function.GetProperty("name").GetString()!,
                   binding.GetProperty("methods")[0].GetString()!,
                   binding.GetProperty("route").GetString()!,
                   binding.GetProperty("authLevel").GetString()!,
                   type.GetMethod(entryPoint[(entryPoint.LastIndexOf('.') + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)!),
        ];
    }

    private sealed record HttpFunction(string Name, string Method, string Route, string AuthLevel, MethodInfo Entry);
}
