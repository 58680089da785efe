using System.Text.Json;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>The small hand-written set, Data/conversations.json (every question single-hop unless it says otherwise).</summary>
internal static class WrittenSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WrittenConversationSet Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conversations", "Data", "conversations.json");
        return JsonSerializer.Deserialize<WrittenConversationSet>(File.ReadAllText(path), Json)!;
    }
}
