using Azure.Core;

namespace MemoryFunctions.Client;

/// <summary>Where the API is and how to authenticate; the same for the local server and the Functions app.</summary>
public sealed class MemoryClientOptions
{
    /// <summary>The API root, with the <c>/api/</c> prefix: <c>http://127.0.0.1:7071/api/</c> or <c>https://&lt;app&gt;.azurewebsites.net/api/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:7071/api/");

    /// <summary>Sent as <c>x-tenant-id</c>; empty means the server's <c>default</c> tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>A function (or local API) key, sent as <c>x-functions-key</c>, never in the URL.</summary>
    public string? FunctionKey { get; set; }

    /// <summary>Microsoft Entra ID: tokens from this credential are sent as <c>Authorization: Bearer</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The scopes tokens are requested for, e.g. <c>api://&lt;app-id&gt;/.default</c>; required with <see cref="Credential"/>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>Defaults for <see cref="MemoryClient.WaitForOperationAsync"/>.</summary>
    public OperationPolling Polling { get; set; } = new();
}
