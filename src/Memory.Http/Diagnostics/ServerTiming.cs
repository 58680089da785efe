using System.Globalization;
using MemoryFunctions.Core.Diagnostics;

namespace MemoryFunctions.Http.Diagnostics;

/// <summary>
/// A search's <c>Server-Timing</c> header (W3C Server Timing), in milliseconds: <c>embed</c> the query embedding,
/// <c>index</c> the store's search, <c>rank</c> the rest of the search (fusion and the reads of what ranked memories
/// replaced) and <c>search</c> their sum. What a client measures beyond <c>search</c> is HTTP and JSON: reading and
/// validating the request, admission, writing the response, the connection.
/// </summary>
internal static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static string Format(RequestTimings timings)
    {
        var embed = timings[RequestPhase.Embedding].TotalMilliseconds;
        var index = timings[RequestPhase.StoreSearch].TotalMilliseconds;
        var search = timings[RequestPhase.Search].TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture, $"embed;dur={embed:F3}, index;dur={index:F3}, rank;dur={Math.Max(0, search - embed - index):F3}, search;dur={search:F3}");
    }
}
