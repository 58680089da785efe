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

    public static Histogram<double> StoreWriteDuration { get; } =
        Meter.CreateHistogram<double>("memory.store.write.duration", "ms", "Time until a store write is durable.");

    public static Counter<long> ModelTokens { get; } =
        Meter.CreateCounter<long>("memory.model.tokens", "{token}", "Model tokens spent by ingestion.");
}
