using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>
/// A partial document update as the SDK sends it (<c>{"operations": [{"op", "path", "value"}], "condition": "FROM c WHERE ..."}</c>,
/// the SDK's PatchConstants) and its application as documented
/// (https://learn.microsoft.com/azure/cosmos-db/partial-document-update): at most 10 operations, add/set/replace/remove/incr/move,
/// <c>incr</c> on a number or a missing leaf, a failed condition is 412, the id and partition key cannot be patched.
/// </summary>
internal sealed record PatchSpec(IReadOnlyList<JsonObject> Operations, string? Condition)
{
    public const int MaxOperations = 10;

    private static readonly HashSet<string> Immutable = ["/id", "/tenantId", "/userId"];

    public static PatchSpec Parse(byte[] body)
    {
        var root = JsonNode.Parse(body)?.AsObject() ?? throw new JsonException("A patch needs a body.");
        var operations = root["operations"]?.AsArray().Select(op => op!.AsObject()).ToList() ?? throw new JsonException("A patch needs operations.");
        return new PatchSpec(operations, root["condition"]?.GetValue<string>());
    }

    /// <summary>The patched copy of <paramref name="document"/>, or the error the service answers.</summary>
    public (JsonObject? Patched, WriteOutcome? Error) Apply(JsonObject document)
    {
        if (Operations.Count is 0 or > MaxOperations)
        {
            return (null, WriteOutcome.Error(HttpStatusCode.BadRequest, $"A patch request takes 1 to {MaxOperations} operations; this one has {Operations.Count}."));
        }

        var patched = document.DeepClone().AsObject();
        foreach (var operation in Operations)
        {
            var op = operation["op"]?.GetValue<string>();
            var path = operation["path"]?.GetValue<string>() ?? string.Empty;
            if (Immutable.Contains(path))
            {
                return (null, WriteOutcome.Error(HttpStatusCode.BadRequest, $"The path '{path}' (id or partition key) cannot be patched."));
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var parent = Navigate(patched, segments);
            if (segments.Length == 0 || parent is not JsonObject target)
            {
                return (null, WriteOutcome.Error(HttpStatusCode.BadRequest, $"The patch path '{path}' does not lead into an object."));
            }

            var leaf = segments[^1];
            var value = operation["value"]?.DeepClone();
            switch (op)
            {
                case "add" or "set":
                    target[leaf] = value;
                    break;
                case "replace" when target.ContainsKey(leaf):
                    target[leaf] = value;
                    break;
                case "remove" when target.ContainsKey(leaf):
                    target.Remove(leaf);
                    break;
                case "incr" when value is JsonValue increment && increment.GetValueKind() == JsonValueKind.Number:
                    var current = target[leaf];
                    if (current is not null && current.GetValueKind() != JsonValueKind.Number)
                    {
                        return (null, WriteOutcome.Error(HttpStatusCode.BadRequest, $"Increment needs a number at '{path}'."));
                    }

                    var sum = (current is null ? 0 : Query.SqlValue.NumberOf(current)) + Query.SqlValue.NumberOf(increment);
                    target[leaf] = sum == Math.Floor(sum) && Math.Abs(sum) < long.MaxValue ? JsonValue.Create((long)sum) : JsonValue.Create(sum);
                    break;
                default:
                    return (null, WriteOutcome.Error(HttpStatusCode.BadRequest, $"Patch operation '{op}' cannot be applied at '{path}'."));
            }
        }

        return (patched, null);
    }

    private static JsonNode? Navigate(JsonObject root, string[] segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments.Take(segments.Length - 1))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        return node;
    }
}
