namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// What reconciliation decides for a candidate fact. Delete is applied as a retraction (the memory gets validTo and
/// stays in history): supersede, don't destroy. Only erasing a user destroys data.
/// </summary>
public enum MemoryAction
{
    Add,
    Update,
    Supersede,
    Delete,
    Noop,
}
