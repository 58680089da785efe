namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// The decision for fact number <paramref name="FactIndex"/>. <paramref name="TargetMemoryId"/> names the existing memory
/// an Update, Supersede, Delete or Noop refers to (always one of that fact's neighbours); <paramref name="Text"/> is the
/// merged text for an Update.
/// </summary>
public sealed record ReconciliationDecision(int FactIndex, MemoryAction Action, string? TargetMemoryId = null, string? Text = null, string? Reason = null)
{
    /// <summary>
    /// Whether <see cref="Reason"/> is a model's own words (which may quote the facts and memories it was shown) rather than
    /// one of our fixed texts; such a reason is kept only where the fact is (<see cref="Workflow.DecideStep"/>).
    /// </summary>
    public bool ReasonWrittenByModel { get; init; }
}
