namespace MemoryFunctions.Core.Domain;

public enum HistoryOperation
{
    Add,
    Update,
    Supersede,
    Delete,
}
