using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>Domain records ↔ stored documents. The partition always comes from the call, never from the record, so a write cannot land in another user's partition.</summary>
internal static class DocumentMapper
{
    public static MemoryDocument ToDocument(MemoryPartition partition, MemoryRecord memory, DateTimeOffset now, long epoch) => new()
    {
        Id = DocumentTypes.MemoryId(memory.Id),
        TenantId = partition.TenantId,
        UserId = partition.UserId,
        MemoryId = memory.Id,
        AgentId = memory.AgentId,
        SessionId = memory.SessionId,
        Speaker = memory.Speaker,
        ResolvedDates = memory.ResolvedDates,
        PrecedingText = memory.PrecedingText,
        Ordinal = memory.Ordinal,
        Kind = memory.Kind,
        Text = memory.Text,
        Embedding = memory.Embedding,
        Metadata = new Dictionary<string, MetadataValue>(memory.Metadata, StringComparer.Ordinal),
        Tags = [.. memory.Tags],
        Source = memory.Source,
        Confidence = memory.Confidence,
        Importance = memory.Importance,
        ContentHash = memory.ContentHash,
        Provenance = new MemoryDocument.ProvenanceDocument(memory.Provenance.OperationId, [.. memory.Provenance.MessageIds]),
        CreatedAt = CosmosDates.ToText(memory.CreatedAt),
        UpdatedAt = CosmosDates.ToText(memory.UpdatedAt),
        ValidFrom = CosmosDates.ToText(memory.ValidFrom),
        ValidTo = CosmosDates.ToText(memory.ValidTo),
        SupersededBy = memory.SupersededBy,
        ExpiresAt = CosmosDates.ToText(memory.ExpiresAt),
        Ttl = CosmosDates.TimeToLiveSeconds(memory.ExpiresAt, now),
        Epoch = epoch,
    };

    public static MemoryRecord ToRecord(MemoryDocument document) => new()
    {
        Id = document.MemoryId,
        TenantId = document.TenantId,
        UserId = document.UserId,
        AgentId = document.AgentId,
        SessionId = document.SessionId,
        Speaker = document.Speaker,
        ResolvedDates = document.ResolvedDates,
        PrecedingText = document.PrecedingText,
        Ordinal = document.Ordinal,
        Kind = document.Kind,
        Text = document.Text,
        Embedding = document.Embedding ?? [],
        Metadata = document.Metadata ?? [],
        Tags = document.Tags ?? [],
        Source = document.Source,
        Confidence = document.Confidence,
        Importance = document.Importance,
        ContentHash = document.ContentHash,
        Provenance = document.Provenance is { } p ? new Provenance(p.OperationId, p.MessageIds ?? []) : Provenance.Direct,
        CreatedAt = CosmosDates.Parse(document.CreatedAt),
        UpdatedAt = CosmosDates.Parse(document.UpdatedAt),
        ValidFrom = CosmosDates.Parse(document.ValidFrom),
        ValidTo = CosmosDates.ParseOptional(document.ValidTo),
        SupersededBy = document.SupersededBy,
        ExpiresAt = CosmosDates.ParseOptional(document.ExpiresAt),
        ETag = document.ETag ?? string.Empty,
    };

    public static HistoryDocument ToDocument(MemoryPartition partition, HistoryEvent history, long epoch) => new()
    {
        Id = DocumentTypes.HistoryId(history.Id),
        TenantId = partition.TenantId,
        UserId = partition.UserId,
        EventId = history.Id,
        MemoryId = history.MemoryId,
        Op = history.Operation.ToString().ToUpperInvariant(),
        Before = history.Before,
        After = history.After,
        At = CosmosDates.ToText(history.At),
        OperationId = history.OperationId,
        Actor = history.Actor,
        Reason = history.Reason,
        Epoch = epoch,
    };

    public static HistoryEvent ToRecord(HistoryDocument document) => new()
    {
        Id = document.EventId,
        MemoryId = document.MemoryId,
        TenantId = document.TenantId,
        UserId = document.UserId,
        Operation = Enum.Parse<HistoryOperation>(document.Op, ignoreCase: true),
        Before = document.Before,
        After = document.After,
        At = CosmosDates.Parse(document.At),
        OperationId = document.OperationId,
        Actor = document.Actor,
        Reason = document.Reason,
    };

    public static OperationDocument ToDocument(MemoryOperation operation) => new()
    {
        Id = DocumentTypes.OperationId(operation.Id),
        TenantId = operation.TenantId,
        UserId = operation.UserId,
        OperationId = operation.Id,
        Kind = operation.Kind,
        Status = operation.Status,
        Request = operation.Request,
        IdempotencyKey = operation.IdempotencyKey,
        RequestFingerprint = operation.RequestFingerprint,
        Epoch = operation.Epoch,
        Progress = operation.Progress,
        Decisions = [.. operation.Decisions],
        Truncation = operation.Truncation,
        Error = operation.Error,
        Usage = operation.Usage,
        Erasure = operation.Erasure,
        CreatedAt = CosmosDates.ToText(operation.CreatedAt),
        UpdatedAt = CosmosDates.ToText(operation.UpdatedAt),
    };

    public static MemoryOperation ToRecord(OperationDocument document) => new()
    {
        Id = document.OperationId,
        TenantId = document.TenantId,
        UserId = document.UserId,
        Kind = document.Kind ?? OperationKind.Ingestion,
        Status = document.Status,
        Request = document.Request,
        IdempotencyKey = document.IdempotencyKey,
        RequestFingerprint = document.RequestFingerprint,
        Epoch = document.Epoch,
        Progress = document.Progress,
        Decisions = document.Decisions ?? [],
        Truncation = document.Truncation,
        Error = document.Error,
        Usage = document.Usage ?? TokenUsage.None,
        Erasure = document.Erasure,
        CreatedAt = CosmosDates.Parse(document.CreatedAt),
        UpdatedAt = CosmosDates.Parse(document.UpdatedAt),
        ETag = document.ETag ?? string.Empty,
    };

    /// <summary>The partition is the audit partition of the record's tenant (<see cref="AuditDocument"/>), never the audited user's.</summary>
    public static AuditDocument ToDocument(AuditRecord record, TimeSpan retention) => new()
    {
        Id = DocumentTypes.AuditId(record.Id),
        UserId = record.TenantId,
        AuditedTenantId = record.TenantId,
        AuditedUserId = record.UserId,
        Action = record.Action,
        Outcome = record.Outcome,
        Actor = record.Actor,
        TraceId = record.TraceId,
        StartedAt = CosmosDates.ToText(record.StartedAt),
        CompletedAt = CosmosDates.ToText(record.CompletedAt),
        Detail = record.Detail,
        Ttl = (int)retention.TotalSeconds,
    };

    public static AuditRecord ToRecord(AuditDocument document) => new(
        document.Id[DocumentTypes.AuditPrefix.Length..],
        document.AuditedTenantId,
        document.AuditedUserId,
        document.Action,
        document.Outcome,
        document.Actor,
        document.TraceId,
        CosmosDates.Parse(document.StartedAt),
        CosmosDates.ParseOptional(document.CompletedAt),
        document.Detail);
}
