using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemoryFunctions.Http.Json;

/// <summary>
/// The one JSON reading rule of every way in (REST bodies, Event Grid deliveries, MCP messages): a key appears at most
/// once per object, keys compared ignoring case. With last-wins parsing, or a reader that matches names ignoring case,
/// <c>{"userId":"ann","UserId":"bob"}</c> is bob to us and ann to a gateway that reads the first key, so a check made in
/// front of the service would be bypassed; the request is refused instead, naming the key.
/// </summary>
public static class RepeatedKeys
{
    /// <summary>The first repeated key, with its JSON path (<c>$.messages[0].role</c>); null when there is none or the JSON does not parse (its parser reports that).</summary>
    public static (string Path, string Key)? Find(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var key = reader.GetString()!;
                        if (!frame.Keys.Add(key))
                        {
                            return (PathOf(frames, key), key);
                        }

                        frame.Property = key;
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The sentence a refusal carries.</summary>
    public static string Describe(string path, string key) =>
        $"The key '{key}' appears more than once in the same object at '{path}' (keys are compared ignoring case); send it once.";

    /// <summary><c>$.metadata.team</c> becomes <c>metadata.team</c>, as problem details name fields.</summary>
    public static string FieldOf(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject)
        {
            frames[^1].Index++;
        }
    }

    private static string PathOf(List<Frame> frames, string key)
    {
        var path = new StringBuilder("$");
        for (var i = 0; i < frames.Count - 1; i++)
        {
            path.Append(frames[i].IsObject ? "." + frames[i].Property : string.Create(CultureInfo.InvariantCulture, $"[{frames[i].Index}]"));
        }

        return path.Append('.').Append(key).ToString();
    }

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;

        public HashSet<string> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}
