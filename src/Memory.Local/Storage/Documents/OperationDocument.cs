using System.Text.Json.Serialization;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// An ingestion operation as the log and snapshot hold it, with the request it resumes from; JSON names are the file
/// format (see <see cref="MemoryDocument"/>). The parts are in <see cref="OperationParts"/>.
/// </summary>
internal sealed class OperationDocument
{
    [JsonPropertyName("Id")]
    public required string Id { get; set; }

    [JsonPropertyName("TenantId")]
    public required string TenantId { get; set; }

    [JsonPropertyName("UserId")]
    public required string UserId { get; set; }

    /// <summary>A name from <see cref="StoredNames.Statuses"/>.</summary>
    [JsonPropertyName("Status")]
    public string Status { get; set; } = "Queued";

    [JsonPropertyName("Request")]
    public required OperationParts.Request Request { get; set; }

    [JsonPropertyName("IdempotencyKey")]
    public string? IdempotencyKey { get; set; }

    [JsonPropertyName("RequestFingerprint")]
    public string? RequestFingerprint { get; set; }

    [JsonPropertyName("Progress")]
    public OperationParts.Progress? Progress { get; set; }

    [JsonPropertyName("Decisions")]
    public List<OperationParts.Decision>? Decisions { get; set; }

    [JsonPropertyName("Error")]
    public OperationParts.Error? Error { get; set; }

    [JsonPropertyName("Usage")]
    public OperationParts.Usage? Usage { get; set; }

    [JsonPropertyName("CreatedAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("UpdatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("ETag")]
    public string? ETag { get; set; }

    [JsonPropertyName("Epoch")]
    public long Epoch { get; set; }

    /// <summary>A name from <see cref="StoredNames.OperationKinds"/>; absent (ingestions, and files before erase operations) = ingestion.</summary>
    [JsonPropertyName("Kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; set; }

    /// <summary>An erase operation's audit record and counts; absent on ingestions.</summary>
    [JsonPropertyName("Erasure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationParts.Erasure? Erasure { get; set; }

    /// <summary>The completion callback's attempts and settlement; absent until its first attempt ends (and in older files).</summary>
    [JsonPropertyName("Callback")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationParts.Callback? Callback { get; set; }
}
