namespace MemoryFunctions.Core.Operations;

/// <summary>What an operation does; both kinds share the status model and the routes that poll them.</summary>
public enum OperationKind
{
    /// <summary>Conversation turns submitted to <c>POST /messages</c>, run by the ingestion workflow.</summary>
    Ingestion,

    /// <summary>A user's erase that goes on after its acknowledgement (the store deletes in the background).</summary>
    Erase,
}
