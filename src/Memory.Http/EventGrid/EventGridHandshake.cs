using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// CloudEvents webhook abuse protection (CloudEvents HTTP webhook spec, section 4): the sender probes with
/// <c>OPTIONS</c> and a <c>WebHook-Request-Origin</c> header and delivers only after the origin is echoed back.
/// (The Event Grid schema handshake arrives as an event instead; see <see cref="EventGridBatch.ValidationCode"/>.)
/// </summary>
public static class EventGridHandshake
{
    public const string RequestOriginHeader = "WebHook-Request-Origin";
    public const string AllowedOriginHeader = "WebHook-Allowed-Origin";
    public const string AllowedRateHeader = "WebHook-Allowed-Rate";

    /// <summary>Answers the probe in <paramref name="responseHeaders"/>; false when the request is no probe (no origin header).</summary>
    public static bool TryAllow(IHeaderDictionary requestHeaders, IHeaderDictionary responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestHeaders);
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var origin = requestHeaders[RequestOriginHeader].ToString();
        if (string.IsNullOrWhiteSpace(origin))
        {
            return false;
        }

        // Any origin may deliver: the endpoint is protected by the function key / API key, not by the origin.
        responseHeaders[AllowedOriginHeader] = origin;
        responseHeaders[AllowedRateHeader] = "*";
        return true;
    }
}
