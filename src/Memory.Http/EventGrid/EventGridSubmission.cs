using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// A valid conversation event, ready for ingestion. <see cref="IdempotencyKey"/> derives from the event's identity
/// (CloudEvents: source + id; Event Grid schema: topic + id), so a redelivered event maps to the operation it already started;
/// <see cref="Fingerprint"/> (canonical JSON of its data) tells a redelivery from another event under the same identity.
/// </summary>
public sealed record EventGridSubmission(string EventId, MemoryPartition Partition, IngestionRequest Request, string IdempotencyKey, string Fingerprint);
