using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>
/// The project's one ActivitySource and Meter. Adapters add their own instruments to <see cref="Meter"/> so that hosts
/// enable everything with one name (<see cref="Name"/>).
/// </summary>
public static class MemoryTelemetry
{
    public const string Name = "MemoryFunctions";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Histogram<double> SearchDuration { get; } =
        Meter.CreateHistogram<double>("memory.search.duration", "ms", "Time to embed, retrieve and rank one search.");

    /// <summary>Every store call, tagged <c>memory.store.operation</c>; writes count until they are durable.</summary>
    public static Histogram<double> StoreDuration { get; } =
        Meter.CreateHistogram<double>("memory.store.duration", "ms", "Time of one memory store call.");

    public static Counter<long> ModelTokens { get; } =
        Meter.CreateCounter<long>("memory.model.tokens", "{token}", "Model tokens spent by ingestion.");
}
