using System.Globalization;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>Builds the JSON of conversation turns (for <c>POST /messages</c> and event data) without hand-escaping text.</summary>
public static class Conversation
{
    /// <summary>User turns one minute apart from <paramref name="at"/>, each with a timestamp and no id.</summary>
    public static JsonArray UserTurns(DateTimeOffset at, params string[] turns) =>
        [.. turns.Select((content, i) => (JsonNode)Turn("user", content, at.AddMinutes(i)))];

    public static JsonObject Turn(string role, string content, DateTimeOffset at) => new()
    {
        ["role"] = role,
        ["content"] = content,
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The body of <c>POST /api/users/{userId}/messages</c>.</summary>
    public static string Body(JsonArray messages, string? sessionId = null)
    {
        var body = new JsonObject { ["messages"] = messages };
        if (sessionId is not null)
        {
            body["sessionId"] = sessionId;
        }

        return body.ToJsonString();
    }

    /// <summary>The body of <c>POST /api/users/{userId}/messages</c> with user turns only.</summary>
    public static string Body(DateTimeOffset at, params string[] userTurns) => Body(UserTurns(at, userTurns));
}
