namespace MemoryFunctions.Core.Workflow;

/// <summary>What the workflow's records carry beyond the domain fields, shared with the decision and summary ports that read them.</summary>
public static class IngestionConventions
{
    /// <summary>Metadata key under which a memory keeps its slot ("employer", "home city"…), so a new value can find the old one.</summary>
    public const string SlotMetadataKey = "slot";

    /// <summary>
    /// Metadata key naming the operation that ended (superseded or retracted) a memory. A re-run of that operation sees the
    /// memory as it was before, so it reaches, and reports, the same decision instead of mistaking it for new.
    /// </summary>
    public const string EndedByMetadataKey = "endedByOperation";

    /// <summary>Metadata of a rolling summary: lines waiting for the next refresh, one per line.</summary>
    public const string PendingMetadataKey = "pending";

    /// <summary>Metadata of a rolling summary: the last operation folded into it, which makes a re-run a no-op.</summary>
    public const string OperationMetadataKey = "operationId";

    /// <summary>Prefix of a profile change line for a statement that stopped being true.</summary>
    public const string EndedStatementPrefix = "No longer true: ";

    /// <summary>Actor recorded on history events the workflow writes.</summary>
    public const string Actor = "workflow";

    /// <summary>Conditional writes re-read and retry this often on a conflict before the step's own retry policy takes over.</summary>
    internal const int MaxWriteAttempts = 8;
}
