using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// How each Core enum is spelled in the files, written out rather than taken from the member names, so renaming a member
/// cannot change (or strand) stored data. A member added to Core without a name here fails the tests that cover every value.
/// </summary>
internal static class StoredNames
{
    public static StoredNameTable<MemoryKind> Kinds { get; } = new(
        (MemoryKind.Fact, "Fact"),
        (MemoryKind.Preference, "Preference"),
        (MemoryKind.Episodic, "Episodic"),
        (MemoryKind.Procedural, "Procedural"),
        (MemoryKind.Summary, "Summary"),
        (MemoryKind.Profile, "Profile"),
        (MemoryKind.Turn, "Turn"));

    public static StoredNameTable<MemorySource> Sources { get; } = new(
        (MemorySource.User, "User"),
        (MemorySource.Agent, "Agent"),
        (MemorySource.System, "System"));

    public static StoredNameTable<HistoryOperation> HistoryOperations { get; } = new(
        (HistoryOperation.Add, "Add"),
        (HistoryOperation.Update, "Update"),
        (HistoryOperation.Supersede, "Supersede"),
        (HistoryOperation.Delete, "Delete"));

    public static StoredNameTable<OperationStatus> Statuses { get; } = new(
        (OperationStatus.Queued, "Queued"),
        (OperationStatus.Running, "Running"),
        (OperationStatus.Succeeded, "Succeeded"),
        (OperationStatus.Failed, "Failed"),
        (OperationStatus.Cancelled, "Cancelled"));

    public static StoredNameTable<OperationKind> OperationKinds { get; } = new(
        (OperationKind.Ingestion, "Ingestion"),
        (OperationKind.Erase, "Erase"));

    public static StoredNameTable<MessageRole> Roles { get; } = new(
        (MessageRole.User, "User"),
        (MessageRole.Assistant, "Assistant"),
        (MessageRole.System, "System"),
        (MessageRole.Tool, "Tool"));

    public static StoredNameTable<MemoryAction> Actions { get; } = new(
        (MemoryAction.Add, "Add"),
        (MemoryAction.Update, "Update"),
        (MemoryAction.Supersede, "Supersede"),
        (MemoryAction.Delete, "Delete"),
        (MemoryAction.Noop, "Noop"));

    public static StoredNameTable<AuditAction> AuditActions { get; } = new(
        (AuditAction.ExportUser, "ExportUser"),
        (AuditAction.EraseUser, "EraseUser"));

    public static StoredNameTable<AuditOutcome> AuditOutcomes { get; } = new(
        (AuditOutcome.Started, "Started"),
        (AuditOutcome.Succeeded, "Succeeded"),
        (AuditOutcome.Refused, "Refused"),
        (AuditOutcome.Failed, "Failed"));
}
