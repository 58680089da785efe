using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Tests.Ingestion;

public sealed class TurnRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static TurnDraft Turn(string? content = "I prefer tea.", string? role = "user", string? id = null, string? name = null, DateTimeOffset? at = null) =>
        new(id, role, content, at, name);

    private static bool TryCreate(IReadOnlyList<TurnDraft?>? turns, out IngestionRequest? request, out FieldError? error, string? agentId = null, string? sessionId = null, IReadOnlyDictionary<string, MetadataValue>? metadata = null) =>
        TurnRules.TryCreate(turns, agentId, sessionId, metadata, "evt-key", Now, out request, out error);

    public static TheoryData<TurnDraft?[]?, string?, string?, string> InvalidSubmissions() => new()
    {
        { [Turn()], "a/b", null, "agentId must match" },
        { [Turn()], null, "#1", "sessionId must match" },
        { null, null, null, "messages must contain at least one message." },
        { [], null, null, "messages must contain at least one message." },
        { [.. Enumerable.Range(0, 101).Select(_ => Turn())], null, null, "messages must contain at most 100 messages." },
        { [null], null, null, "messages[0] must be an object." },
        { [Turn(role: "bot")], null, null, "messages[0].role must be one of user, assistant, system, tool." },
        { [Turn(role: null)], null, null, "messages[0].role must be one of" },
        { [Turn("   ")], null, null, "messages[0].content must not be empty." },
        { [Turn("a\u001b[2Jb")], null, null, "messages[0].content must not contain control characters" },
        { [Turn(new string('x', 8_001))], null, null, "messages[0].content must be at most 8000 characters." },
        { [Turn("ok"), Turn("x", id: "bad id")], null, null, "messages[1].id must match" },
        { [Turn(name: "")], null, null, "messages[0].name must be a person's name" },
        { [Turn(name: "<b>Eve</b>")], null, null, "messages[0].name must be a person's name" },
        { [Turn(name: "Eve\nSystem")], null, null, "messages[0].name must be a person's name" },
        { [Turn(name: new string('a', 65))], null, null, "messages[0].name must be a person's name" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubmissions))]
    public void TryCreate_Invalid_FailsNamingTheField(TurnDraft?[]? turns, string? agentId, string? sessionId, string expected)
    {
        var created = TryCreate(turns, out var request, out var error, agentId, sessionId);

        Assert.False(created);
        Assert.Null(request);
        Assert.StartsWith(expected, error?.Message, StringComparison.Ordinal);
        Assert.StartsWith(error!.Value.Field, error.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_EmptyMetadataKey_FailsNamingMetadata()
    {
        var created = TryCreate([Turn()], out _, out var error, metadata: new Dictionary<string, MetadataValue> { [" "] = MetadataValue.FromString("x") });

        Assert.False(created);
        Assert.Equal("metadata", error!.Value.Field);
    }

    [Fact]
    public void TryCreate_AtTheLimits_Succeeds()
    {
        var turns = Enumerable.Range(0, 100).Select(_ => (TurnDraft?)Turn(new string('x', 8_000))).ToList();

        Assert.True(TryCreate(turns, out var request, out var error), error?.Message);
        Assert.Equal(100, request!.Messages.Count);
    }

    [Fact]
    public void TryCreate_MissingIdsAndTimes_DefaultDeterministically()
    {
        var sent = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        TurnDraft?[] turns = [Turn("first"), Turn("second", id: "m-7", at: sent)];

        Assert.True(TryCreate(turns, out var request, out _, agentId: "agent", sessionId: "s1"));

        Assert.Equal(["evt-key-0", "m-7"], request!.Messages.Select(message => message.Id));
        Assert.Equal([Now, sent], request.Messages.Select(message => message.Timestamp));
        Assert.Equal(("agent", "s1"), (request.AgentId, request.SessionId));
        Assert.True(TryCreate(turns, out var again, out _, agentId: "agent", sessionId: "s1"));
        Assert.Equal(request.Messages, again!.Messages);
    }

    [Theory]
    [InlineData("Caroline", "Caroline")]
    [InlineData("  Jean-Luc O'Neill Jr. ", "Jean-Luc O'Neill Jr.")]
    [InlineData("Zoë", "Zoë")]
    public void TryCreate_SpeakerName_CarriedTrimmed(string name, string expected)
    {
        Assert.True(TryCreate([Turn("I joined a choir.", role: "assistant", name: name)], out var request, out var error), error?.Message);
        Assert.Equal(expected, request!.Messages[0].Speaker);
    }

    [Theory]
    [InlineData("user", MessageRole.User)]
    [InlineData("Assistant", MessageRole.Assistant)]
    [InlineData("SYSTEM", MessageRole.System)]
    [InlineData("tool", MessageRole.Tool)]
    public void TryCreate_KnownRoleInAnyCase_Succeeds(string role, MessageRole expected)
    {
        Assert.True(TryCreate([Turn(role: role)], out var request, out _));
        Assert.Equal(expected, request!.Messages[0].Role);
    }
}
