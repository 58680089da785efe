using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Local.Workflow;

/// <summary>Settings of the in-process workflow runner, bound from <c>Memory:Ingestion</c> beside the workflow's own options.</summary>
public sealed class LocalIngestionOptions
{
    public const string SectionName = "Memory:Ingestion";

    /// <summary>
    /// Operations run concurrently. Default: four per processor, between 8 and 64. On the embedded store a workflow spends
    /// most of its time waiting for durable writes (every step's write is acknowledged after an fsync), not computing, so
    /// more workers than cores overlap those waits and let group commit put more writes under each fsync: on 2 cores, 8
    /// workers ran the HTTP load benchmark's ingestion burst at 1,190–1,316 turns/s against 742 with 2 (docs/performance.md).
    /// </summary>
    [Range(1, 256, ErrorMessage = "Memory:Ingestion:Workers must be between 1 and 256 (default: four per processor, 8 to 64).")]
    public int Workers { get; set; } = Math.Clamp(4 * Environment.ProcessorCount, 8, 64);

    /// <summary>
    /// Operations of one tenant waiting for a worker; a full queue makes that tenant's submitters wait (back-pressure)
    /// rather than drop work. Other tenants queue on.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Memory:Ingestion:QueueCapacity must be between 1 and 1000000 (default 1024).")]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Operations of one tenant running at once. Default: three quarters of <see cref="Workers"/> (at least 1), so a
    /// flooding tenant always leaves workers free for the others' next operation, while a lone tenant keeps most of the
    /// throughput that more workers bring.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Memory:Ingestion:MaxRunningPerTenant must be between 1 and 256 (default: three quarters of Workers).")]
    public int? MaxRunningPerTenant { get; set; }

    /// <summary><see cref="MaxRunningPerTenant"/>, or its default.</summary>
    public int RunningPerTenant => MaxRunningPerTenant ?? Math.Max(1, Workers - (Workers / 4));
}
