using System.Text.Json.Serialization;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>Where a stored memory came from (see <see cref="MemoryDocument"/>).</summary>
internal sealed class ProvenanceDocument
{
    [JsonPropertyName("OperationId")]
    public string? OperationId { get; set; }

    [JsonPropertyName("MessageIds")]
    public IReadOnlyList<string>? MessageIds { get; set; }
}
