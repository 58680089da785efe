using System.Globalization;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// A conversation a script posts: a workplace named after the body's token (so the extracted fact carries it), a city
/// (the same slot across bodies, so later bodies supersede earlier facts) and a turn that is kept verbatim.
/// </summary>
public sealed record IngestBody(string Token, string Json)
{
    private static readonly string[] Cities = ["Oslo", "Lima", "Quito", "Hanoi", "Perth"];
    private static readonly DateTimeOffset At = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static IngestBody Create(string token, int number)
    {
        var turns = new[] { $"I work at Firm{token}.", $"I live in {Cities[number % Cities.Length]}.", $"Remember the {token} code for the gate." };
        var messages = new JsonArray([.. turns.Select((text, i) => (JsonNode)new JsonObject
        {
            ["role"] = "user",
            ["content"] = text,
            ["timestamp"] = At.AddMinutes(number * 10 + i).ToString("O", CultureInfo.InvariantCulture),
        })]);
        return new IngestBody(token, new JsonObject { ["messages"] = messages, ["sessionId"] = "s1" }.ToJsonString());
    }
}
