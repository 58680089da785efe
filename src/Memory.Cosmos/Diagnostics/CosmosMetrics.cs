using System.Diagnostics.Metrics;
using MemoryFunctions.Core.Diagnostics;

namespace MemoryFunctions.Cosmos.Diagnostics;

/// <summary>RU charged per store operation, on the project's one Meter so hosts enable it with everything else.</summary>
internal static class CosmosMetrics
{
    public static Histogram<double> RequestCharge { get; } = MemoryTelemetry.Meter.CreateHistogram<double>(
        "memory.cosmos.request_charge", "RU", "Request units charged by Cosmos DB per store operation.");

    public static void Record(string operation, double requestCharge) =>
        RequestCharge.Record(requestCharge, new KeyValuePair<string, object?>("operation", operation));
}
