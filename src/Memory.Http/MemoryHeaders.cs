namespace MemoryFunctions.Http;

/// <summary>Header and query names of the contract, shared by both hosts.</summary>
public static class MemoryHeaders
{
    /// <summary>Selects the tenant; absent means <see cref="DefaultTenant"/>.</summary>
    public const string TenantId = "x-tenant-id";

    public const string DefaultTenant = "default";

    /// <summary>The Azure Functions key header, reused so clients need one convention for both hosts.</summary>
    public const string FunctionsKey = "x-functions-key";

    /// <summary>The Azure Functions key query parameter.</summary>
    public const string KeyQueryParameter = "code";
}
