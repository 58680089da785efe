namespace MemoryFunctions.OpenAI.Tests.Server;

/// <summary>
/// Sends requests meant for a real host (an Azure resource endpoint) to the scripted server instead, so the SDK is
/// configured exactly as in production (Azure host, https, Entra ID) while the bytes go to loopback.
/// </summary>
public sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
