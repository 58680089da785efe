using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>The nested objects of an <see cref="OperationDocument"/>; JSON names are the file format.</summary>
internal static class OperationParts
{
    internal sealed class Request
    {
        [JsonPropertyName("Messages")]
        public List<Message>? Messages { get; set; }

        [JsonPropertyName("AgentId")]
        public string? AgentId { get; set; }

        [JsonPropertyName("SessionId")]
        public string? SessionId { get; set; }

        [JsonPropertyName("Metadata")]
        [JsonConverter(typeof(StoredMetadataConverter))]
        public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; set; }

        /// <summary>
        /// Added within format 3: absent in older files (no callback) and left out when null, so records without one keep
        /// their bytes and no version bump is needed.
        /// </summary>
        [JsonPropertyName("CallbackUrl")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CallbackUrl { get; set; }
    }

    internal sealed class Message
    {
        [JsonPropertyName("Id")]
        public required string Id { get; set; }

        /// <summary>A name from <see cref="StoredNames.Roles"/>.</summary>
        [JsonPropertyName("Role")]
        public required string Role { get; set; }

        [JsonPropertyName("Content")]
        public required string Content { get; set; }

        [JsonPropertyName("Timestamp")]
        public DateTimeOffset Timestamp { get; set; }

        [JsonPropertyName("Speaker")]
        public string? Speaker { get; set; }
    }

    internal sealed class Progress
    {
        [JsonPropertyName("Step")]
        public required string Step { get; set; }

        [JsonPropertyName("Done")]
        public int Done { get; set; }

        [JsonPropertyName("Total")]
        public int Total { get; set; }
    }

    internal sealed class Decision
    {
        /// <summary>A name from <see cref="StoredNames.Actions"/>.</summary>
        [JsonPropertyName("Action")]
        public required string Action { get; set; }

        [JsonPropertyName("Fact")]
        public required string Fact { get; set; }

        [JsonPropertyName("MemoryId")]
        public string? MemoryId { get; set; }

        [JsonPropertyName("SupersededMemoryId")]
        public string? SupersededMemoryId { get; set; }

        [JsonPropertyName("Reason")]
        public string? Reason { get; set; }
    }

    internal sealed class Error
    {
        [JsonPropertyName("Type")]
        public required string Type { get; set; }

        [JsonPropertyName("Title")]
        public required string Title { get; set; }

        [JsonPropertyName("Detail")]
        public required string Detail { get; set; }
    }

    internal sealed class Usage
    {
        [JsonPropertyName("InputTokens")]
        public long InputTokens { get; set; }

        [JsonPropertyName("OutputTokens")]
        public long OutputTokens { get; set; }
    }

    internal sealed class Erasure
    {
        [JsonPropertyName("Audit")]
        public required AuditDocument Audit { get; set; }

        [JsonPropertyName("MemoriesErased")]
        public int? MemoriesErased { get; set; }

        [JsonPropertyName("OperationsErased")]
        public int? OperationsErased { get; set; }

        [JsonPropertyName("InstancesLeft")]
        public int? InstancesLeft { get; set; }
    }

    internal sealed class Callback
    {
        [JsonPropertyName("Attempts")]
        public int Attempts { get; set; }

        [JsonPropertyName("SettledAt")]
        public DateTimeOffset? SettledAt { get; set; }
    }
}
