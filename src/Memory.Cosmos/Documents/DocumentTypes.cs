namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// The <c>type</c> discriminator and the id prefixes. Every document id is prefixed by its type, so a memory, a history event
/// and an operation can never collide inside one logical partition whatever ids the domain hands us.
/// </summary>
internal static class DocumentTypes
{
    public const string Memory = "memory";
    public const string History = "history";
    public const string Operation = "operation";
    public const string Epoch = "epoch";
    public const string EmbeddingModel = "embeddingModel";
    public const string Audit = "audit";

    /// <summary>The one epoch document of a logical partition (see <see cref="EpochDocument"/>).</summary>
    public const string EpochDocumentId = "e|epoch";

    /// <summary>The one document saying which model made the container's vectors (see <see cref="EmbeddingModelDocument"/>).</summary>
    public const string EmbeddingModelDocumentId = "s|embedding-model";

    public const string MemoryPrefix = "m|";
    public const string HistoryPrefix = "h|";
    public const string OperationPrefix = "o|";
    public const string AuditPrefix = "a|";

    public static string MemoryId(string memoryId) => MemoryPrefix + memoryId;

    public static string HistoryId(string eventId) => HistoryPrefix + eventId;

    public static string OperationId(string operationId) => OperationPrefix + operationId;

    public static string AuditId(string auditId) => AuditPrefix + auditId;
}
