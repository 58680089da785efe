namespace MemoryFunctions.Testing.Isolation;

/// <summary>What one step of an isolation script does; reads probe ids of every partition, not only the caller's.</summary>
public enum IsolationOpKind
{
    Add,
    Update,
    Delete,
    Get,
    List,
    Search,
    Context,
    Export,
    History,
    Submit,
    GetOperation,
    Erase,
}
