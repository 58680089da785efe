using System.Text.Json.Nodes;

namespace MemoryFunctions.Bench.Load;

/// <summary>A parsed JSON answer, or the reason the request failed.</summary>
internal readonly record struct ApiAnswer(JsonNode? Body, string? Error)
{
    public bool Ok => Error is null;
}
