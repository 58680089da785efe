using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Hosting;
using MemoryFunctions.Http.Quotas;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Tests.Hosting;

/// <summary>The app's real composition (<see cref="MemoryFunctionsComposition"/>), built without the Functions host.</summary>
public sealed class StartupValidationTests
{
    private static readonly Dictionary<string, string?> ValidSettings = new()
    {
        ["Memory:Cosmos:AccountEndpoint"] = "https://memory.documents.azure.com:443/",
        ["Memory:Cosmos:EmbeddingDimensions"] = "1536",
        ["Memory:OpenAI:Endpoint"] = "https://memory.openai.azure.com/",
        ["Memory:OpenAI:ChatModel"] = "chat",
        ["Memory:OpenAI:EmbeddingModel"] = "embeddings",
        ["Memory:OpenAI:EmbeddingDimensions"] = "1536",
        ["Memory:Auth:Entra:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
        ["Memory:Auth:Entra:Audiences:0"] = "api://memory",
    };

    [Fact]
    public void Build_ValidSettings_ValidatesAndActivatesEveryFunctionClassAndStepHandler()
    {
        using var host = Build(ValidSettings);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var functionClasses = typeof(MemoryFunctionsComposition).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.GetMethods().Any(method => method.GetCustomAttributes(typeof(FunctionAttribute), false).Length > 0))
            .ToList();
        Assert.NotEmpty(functionClasses);
        Assert.All(functionClasses, type => Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type)));
        // The activities are static and run each row's handler from the invocation's services: all must resolve.
        Assert.All(WorkflowSteps.All, step => Assert.NotNull(host.Services.GetRequiredService(step.HandlerType)));
    }

    [Theory]
    [InlineData("Memory:Cosmos:AccountEndpoint")]
    [InlineData("Memory:OpenAI:Endpoint")]
    [InlineData("Memory:OpenAI:ChatModel")]
    [InlineData("Memory:OpenAI:EmbeddingModel")]
    [InlineData("Memory:Auth:Entra:Authority")]
    public void Build_MissingSetting_FailsAtStartUpNamingIt(string setting)
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { [setting] = null };
        using var host = Build(settings);

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Memory:DurableHistory:PurgeInterval", "00:00:10")]
    [InlineData("Memory:DurableHistory:Retention", "31.00:00:00")]
    public void Build_HistoryRetentionOutOfBounds_FailsAtStartUpNamingIt(string setting, string value)
    {
        using var host = Build(new Dictionary<string, string?>(ValidSettings) { [setting] = value });

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting[(setting.LastIndexOf(':') + 1)..], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoCredentialsButAllowOpen_Starts()
    {
        using var host = Build(new Dictionary<string, string?>(ValidSettings) { ["Memory:Auth:Entra:Authority"] = null, ["Memory:Auth:AllowOpen"] = "true" });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>
    /// Issue 25: the holdings quotas used to refuse start-up on this host's Cosmos DB store, so its shared task hub had no
    /// queue quota; the store now counts a tenant's holdings (docs/cosmos.md, "Tenant usage").
    /// </summary>
    [Fact]
    public void Build_HoldingsQuotasOnTheCosmosStore_StartsAndCountsThroughCosmos()
    {
        using var host = Build(new Dictionary<string, string?>(ValidSettings)
        {
            ["Memory:Quotas:Default:MaxQueuedOperations"] = "20",
            ["Memory:Quotas:Default:MaxUsers"] = "1000",
            ["Memory:Quotas:Default:MaxMemories"] = "100000",
        });

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("CosmosTenantUsage", host.Services.GetRequiredService<ITenantUsage>().GetType().Name);
        Assert.NotNull(host.Services.GetRequiredService<TenantAdmission>());
    }

    /// <summary>
    /// Issue 25, symptoms 5 and 12 by default: with nothing in Memory:Quotas every tenant has a queue and a users quota
    /// (docs/functions.md, "Admission quotas"); a tenant entry keeps the defaults it does not set, and a setting replaces one.
    /// </summary>
    [Fact]
    public void Build_NoQuotasSet_EveryTenantGetsTheQueueAndUsersDefaults()
    {
        using var shipped = Build(ValidSettings);
        using var configured = Build(new Dictionary<string, string?>(ValidSettings)
        {
            ["Memory:Quotas:Default:MaxUsers"] = "5",
            ["Memory:Quotas:Tenants:bulk:MaxQueuedOperations"] = "1000",
        });

        var defaults = shipped.Services.GetRequiredService<IOptions<TenantQuotaOptions>>().Value;
        Assert.Equal((100_000L, 100L), (defaults.Default.MaxUsers!.Value, defaults.Default.MaxQueuedOperations!.Value));
        var quotas = configured.Services.GetRequiredService<IOptions<TenantQuotaOptions>>().Value;
        Assert.Equal((5L, 100L), (quotas.For("anyone").MaxUsers!.Value, quotas.For("anyone").MaxQueuedOperations!.Value));
        Assert.Equal((100_000L, 1000L), (quotas.For("bulk").MaxUsers!.Value, quotas.For("bulk").MaxQueuedOperations!.Value));
        configured.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder.AddMemoryFunctions().Build();
    }
}
