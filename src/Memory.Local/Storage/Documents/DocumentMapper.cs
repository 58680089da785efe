using System.Collections.ObjectModel;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// Core records ↔ the documents the files hold, field by field. Reading tolerates fields older files lack (they get
/// Core's defaults); the partition of every record is the one it names, which the engine checked before it was written.
/// </summary>
internal static class DocumentMapper
{
    public static MemoryDocument ToDocument(MemoryRecord memory) => new()
    {
        Id = memory.Id,
        TenantId = memory.TenantId,
        UserId = memory.UserId,
        AgentId = memory.AgentId,
        SessionId = memory.SessionId,
        Kind = StoredNames.Kinds.NameOf(memory.Kind),
        Speaker = memory.Speaker,
        ResolvedDates = memory.ResolvedDates,
        PrecedingText = memory.PrecedingText,
        Ordinal = memory.Ordinal,
        Text = memory.Text,
        Metadata = memory.Metadata,
        Tags = memory.Tags,
        Source = StoredNames.Sources.NameOf(memory.Source),
        Confidence = memory.Confidence,
        Importance = memory.Importance,
        ContentHash = memory.ContentHash,
        Provenance = new ProvenanceDocument { OperationId = memory.Provenance.OperationId, MessageIds = memory.Provenance.MessageIds },
        CreatedAt = memory.CreatedAt,
        UpdatedAt = memory.UpdatedAt,
        ValidFrom = memory.ValidFrom,
        ValidTo = memory.ValidTo,
        SupersededBy = memory.SupersededBy,
        ExpiresAt = memory.ExpiresAt,
        ETag = memory.ETag,
    };

    public static MemoryRecord ToRecord(MemoryDocument document, float[] embedding) => new()
    {
        Id = document.Id,
        TenantId = document.TenantId,
        UserId = document.UserId,
        AgentId = document.AgentId,
        SessionId = document.SessionId,
        Kind = StoredNames.Kinds.Parse(document.Kind),
        Speaker = document.Speaker,
        ResolvedDates = document.ResolvedDates,
        PrecedingText = document.PrecedingText,
        Ordinal = document.Ordinal,
        Text = document.Text,
        Embedding = embedding,
        Metadata = document.Metadata ?? ReadOnlyDictionary<string, MetadataValue>.Empty,
        Tags = document.Tags ?? [],
        Source = StoredNames.Sources.Parse(document.Source),
        Confidence = document.Confidence,
        Importance = document.Importance,
        ContentHash = document.ContentHash,
        Provenance = document.Provenance is { } provenance ? new Provenance(provenance.OperationId, provenance.MessageIds ?? []) : Provenance.Direct,
        CreatedAt = document.CreatedAt,
        UpdatedAt = document.UpdatedAt,
        ValidFrom = document.ValidFrom,
        ValidTo = document.ValidTo,
        SupersededBy = document.SupersededBy,
        ExpiresAt = document.ExpiresAt,
        ETag = document.ETag ?? string.Empty,
    };

    public static HistoryDocument ToDocument(HistoryEvent history) => new()
    {
        Id = history.Id,
        MemoryId = history.MemoryId,
        TenantId = history.TenantId,
        UserId = history.UserId,
        Operation = StoredNames.HistoryOperations.NameOf(history.Operation),
        Before = history.Before,
        After = history.After,
        At = history.At,
        OperationId = history.OperationId,
        Actor = history.Actor,
        Reason = history.Reason,
    };

    public static HistoryEvent ToRecord(HistoryDocument document) => new()
    {
        Id = document.Id,
        MemoryId = document.MemoryId,
        TenantId = document.TenantId,
        UserId = document.UserId,
        Operation = StoredNames.HistoryOperations.Parse(document.Operation),
        Before = document.Before,
        After = document.After,
        At = document.At,
        OperationId = document.OperationId,
        Actor = document.Actor,
        Reason = document.Reason,
    };

    public static OperationDocument ToDocument(MemoryOperation operation) => new()
    {
        Id = operation.Id,
        TenantId = operation.TenantId,
        UserId = operation.UserId,
        Status = StoredNames.Statuses.NameOf(operation.Status),
        Request = new OperationParts.Request
        {
            Messages = [.. operation.Request.Messages.Select(ToDocument)],
            AgentId = operation.Request.AgentId,
            SessionId = operation.Request.SessionId,
            Metadata = operation.Request.Metadata,
            CallbackUrl = operation.Request.CallbackUrl,
        },
        IdempotencyKey = operation.IdempotencyKey,
        RequestFingerprint = operation.RequestFingerprint,
        Progress = operation.Progress is { } progress ? new OperationParts.Progress { Step = progress.Step, Done = progress.Done, Total = progress.Total } : null,
        Decisions = [.. operation.Decisions.Select(ToDocument)],
        Error = operation.Error is { } error ? new OperationParts.Error { Type = error.Type, Title = error.Title, Detail = error.Detail } : null,
        Usage = new OperationParts.Usage { InputTokens = operation.Usage.InputTokens, OutputTokens = operation.Usage.OutputTokens },
        CreatedAt = operation.CreatedAt,
        UpdatedAt = operation.UpdatedAt,
        ETag = operation.ETag,
        Epoch = operation.Epoch,
        Kind = operation.Kind == OperationKind.Ingestion ? null : StoredNames.OperationKinds.NameOf(operation.Kind),
        Erasure = operation.Erasure is { } erasure
            ? new OperationParts.Erasure
            {
                Audit = ToDocument(erasure.Audit),
                MemoriesErased = erasure.MemoriesErased,
                OperationsErased = erasure.OperationsErased,
                InstancesLeft = erasure.InstancesLeft,
            }
            : null,
        Callback = operation.Callback is { } callback ? new OperationParts.Callback { Attempts = callback.Attempts, SettledAt = callback.SettledAt } : null,
    };

    public static MemoryOperation ToRecord(OperationDocument document) => new()
    {
        Id = document.Id,
        TenantId = document.TenantId,
        UserId = document.UserId,
        Status = StoredNames.Statuses.Parse(document.Status),
        Request = new IngestionRequest(
            [.. (document.Request.Messages ?? []).Select(ToRecord)],
            document.Request.AgentId,
            document.Request.SessionId,
            document.Request.Metadata,
            document.Request.CallbackUrl),
        IdempotencyKey = document.IdempotencyKey,
        RequestFingerprint = document.RequestFingerprint,
        Progress = document.Progress is { } progress ? new OperationProgress(progress.Step, progress.Done, progress.Total) : null,
        Decisions = [.. (document.Decisions ?? []).Select(ToRecord)],
        Error = document.Error is { } error ? new OperationError(error.Type, error.Title, error.Detail) : null,
        Usage = document.Usage is { } usage ? new TokenUsage(usage.InputTokens, usage.OutputTokens) : TokenUsage.None,
        CreatedAt = document.CreatedAt,
        UpdatedAt = document.UpdatedAt,
        ETag = document.ETag ?? string.Empty,
        Epoch = document.Epoch,
        Kind = document.Kind is { } kind ? StoredNames.OperationKinds.Parse(kind) : OperationKind.Ingestion,
        Erasure = document.Erasure is { } erasure
            ? new OperationErasure(ToRecord(erasure.Audit), erasure.MemoriesErased, erasure.OperationsErased, erasure.InstancesLeft)
            : null,
        Callback = document.Callback is { } callback ? new CallbackDelivery(callback.Attempts, callback.SettledAt) : null,
    };

    public static AuditDocument ToDocument(AuditRecord record) => new()
    {
        Id = record.Id,
        TenantId = record.TenantId,
        UserId = record.UserId,
        Action = StoredNames.AuditActions.NameOf(record.Action),
        Outcome = StoredNames.AuditOutcomes.NameOf(record.Outcome),
        Actor = record.Actor,
        TraceId = record.TraceId,
        StartedAt = record.StartedAt,
        CompletedAt = record.CompletedAt,
        Detail = record.Detail,
    };

    public static AuditRecord ToRecord(AuditDocument document) => new(
        document.Id,
        document.TenantId,
        document.UserId,
        StoredNames.AuditActions.Parse(document.Action),
        StoredNames.AuditOutcomes.Parse(document.Outcome),
        document.Actor,
        document.TraceId,
        document.StartedAt,
        document.CompletedAt,
        document.Detail);

    private static OperationParts.Message ToDocument(ConversationMessage message) => new()
    {
        Id = message.Id,
        Role = StoredNames.Roles.NameOf(message.Role),
        Content = message.Content,
        Timestamp = message.Timestamp,
        Speaker = message.Speaker,
    };

    private static ConversationMessage ToRecord(OperationParts.Message message) =>
        new(message.Id, StoredNames.Roles.Parse(message.Role), message.Content, message.Timestamp, message.Speaker);

    private static OperationParts.Decision ToDocument(AppliedDecision decision) => new()
    {
        Action = StoredNames.Actions.NameOf(decision.Action),
        Fact = decision.Fact,
        MemoryId = decision.MemoryId,
        SupersededMemoryId = decision.SupersededMemoryId,
        Reason = decision.Reason,
    };

    private static AppliedDecision ToRecord(OperationParts.Decision decision) =>
        new(StoredNames.Actions.Parse(decision.Action), decision.Fact, decision.MemoryId, decision.SupersededMemoryId, decision.Reason);
}
