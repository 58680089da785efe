using System.Text.Json.Serialization;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>A history event as the log and snapshot hold it; JSON names are the file format (see <see cref="MemoryDocument"/>).</summary>
internal sealed class HistoryDocument
{
    [JsonPropertyName("Id")]
    public required string Id { get; set; }

    [JsonPropertyName("MemoryId")]
    public required string MemoryId { get; set; }

    [JsonPropertyName("TenantId")]
    public required string TenantId { get; set; }

    [JsonPropertyName("UserId")]
    public required string UserId { get; set; }

    /// <summary>A name from <see cref="StoredNames.HistoryOperations"/>.</summary>
    [JsonPropertyName("Operation")]
    public required string Operation { get; set; }

    [JsonPropertyName("Before")]
    public string? Before { get; set; }

    [JsonPropertyName("After")]
    public string? After { get; set; }

    [JsonPropertyName("At")]
    public required DateTimeOffset At { get; set; }

    [JsonPropertyName("OperationId")]
    public string? OperationId { get; set; }

    [JsonPropertyName("Actor")]
    public required string Actor { get; set; }

    [JsonPropertyName("Reason")]
    public string? Reason { get; set; }
}
