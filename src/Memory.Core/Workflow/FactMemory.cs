using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The memory a candidate fact becomes; its id is fixed by partition, agent and text before it is ever written.</summary>
internal static class FactMemory
{
    public static MemoryRecord Create(
        MemoryPartition partition,
        string? agentId,
        string? sessionId,
        IReadOnlyDictionary<string, MetadataValue>? requestMetadata,
        string operationId,
        CandidateFact fact,
        float[] vector,
        DateTimeOffset now)
    {
        var metadata = new Dictionary<string, MetadataValue>(requestMetadata ?? new Dictionary<string, MetadataValue>(), StringComparer.Ordinal);
        if (fact.Slot is { } slot)
        {
            metadata[IngestionConventions.SlotMetadataKey] = MetadataValue.FromString(slot);
        }

        var draft = new MemoryDraft
        {
            Text = fact.Text,
            Kind = fact.Kind,
            AgentId = agentId,
            SessionId = sessionId,
            Metadata = metadata,
            Source = fact.Source,
            Confidence = fact.Confidence,
            Importance = fact.Importance,
            Provenance = new Provenance(operationId, fact.SourceMessageIds),
            ValidFrom = MemoryRecords.NotAfter(fact.ValidFrom, now),
        };
        return MemoryRecords.Create(partition, draft, vector, now);
    }

    public static string? SlotOf(MemoryRecord memory) =>
        memory.Metadata.TryGetValue(IngestionConventions.SlotMetadataKey, out var slot) ? slot.Text : null;
}
