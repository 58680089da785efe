using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// How long the Durable history of an ended orchestration is kept (configuration section <c>Memory:DurableHistory</c>).
/// History never holds a turn (steps pass the operation id), but it does hold the extracted facts and decisions, which may
/// quote what the user said (a NOOP's fact, a fact since deleted), so it is purged soon after the instance ended, like the
/// finished operation record that drops its request (docs/functions.md, "History retention").
/// </summary>
public sealed class HistoryRetentionOptions
{
    public const string SectionName = "Memory:DurableHistory";

    /// <summary>
    /// An instance that ended (completed, failed or terminated) is purged once it was created longer ago than this.
    /// Default 10 minutes; 0 purges at the next pass. At most 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the purge runs (a durable timer in <see cref="HistoryPurgeOrchestrator"/>). Default 5 minutes; at least 1
    /// minute, since a pass scans the task hub's instances (tests run the purge faster through the options directly).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);
}
