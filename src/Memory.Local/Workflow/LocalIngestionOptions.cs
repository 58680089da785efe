using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Local.Workflow;

/// <summary>Settings of the in-process workflow runner, bound from <c>Memory:Ingestion</c> beside the workflow's own options.</summary>
public sealed class LocalIngestionOptions
{
    public const string SectionName = "Memory:Ingestion";

    /// <summary>Operations run concurrently. Default: one per processor.</summary>
    [Range(1, 256, ErrorMessage = "Memory:Ingestion:Workers must be between 1 and 256 (default: the processor count).")]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Operations waiting for a worker; a full queue makes submitters wait (back-pressure) rather than drop work.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Memory:Ingestion:QueueCapacity must be between 1 and 1000000 (default 1024).")]
    public int QueueCapacity { get; set; } = 1024;
}
