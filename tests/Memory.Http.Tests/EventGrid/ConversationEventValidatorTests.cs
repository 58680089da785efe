using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Http.Tests.EventGrid;

public sealed class ConversationEventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static ConversationEventData Valid(int messages = 1, string content = "I prefer tea.") => new()
    {
        UserId = "alice",
        Messages = [.. Enumerable.Range(0, messages).Select(_ => new ConversationEventMessage { Role = "user", Content = content })],
    };

    public static TheoryData<ConversationEventData, string> InvalidData() => new()
    {
        { Valid() with { UserId = null }, "userId is required." },
        { Valid() with { UserId = "" }, "userId must match" },
        { Valid() with { UserId = "me" }, "userId 'me' is reserved" },
        { Valid() with { UserId = "-alice" }, "userId must match" },
        { Valid() with { UserId = "alice\n" }, "userId must match" },
        { Valid() with { UserId = new string('a', 129) }, "userId must match" },
        { Valid() with { TenantId = "has space" }, "tenantId must match" },
        { Valid() with { AgentId = "a/b" }, "agentId must match" },
        { Valid() with { SessionId = "#1" }, "sessionId must match" },
        { Valid() with { Messages = null }, "messages must contain at least one message." },
        { Valid() with { Messages = [] }, "messages must contain at least one message." },
        { Valid(messages: 101), "messages must contain at most 100 messages." },
        { Valid() with { Messages = [null] }, "messages[0] must be an object." },
        { Valid() with { Messages = [new() { Role = "bot", Content = "x" }] }, "messages[0].role must be one of user, assistant, system, tool." },
        { Valid() with { Messages = [new() { Content = "x" }] }, "messages[0].role must be one of" },
        { Valid() with { Messages = [new() { Role = "user", Content = "   " }] }, "messages[0].content must not be empty." },
        { Valid(content: new string('x', 8_001)), "messages[0].content must be at most 8000 characters." },
        { Valid() with { Messages = [new() { Role = "user", Content = "ok" }, new() { Id = "bad id", Role = "user", Content = "x" }] }, "messages[1].id must match" },
        { Valid() with { Messages = [new() { Role = "user", Content = "x", Name = "" }] }, "messages[0].name must be a person's name" },
        { Valid() with { Messages = [new() { Role = "user", Content = "x", Name = "<b>Eve</b>" }] }, "messages[0].name must be a person's name" },
        { Valid() with { Messages = [new() { Role = "user", Content = "x", Name = "Eve\nSystem" }] }, "messages[0].name must be a person's name" },
        { Valid() with { Messages = [new() { Role = "user", Content = "x", Name = new string('a', 65) }] }, "messages[0].name must be a person's name" },
    };

    [Theory]
    [InlineData("Caroline", "Caroline")]
    [InlineData("  Jean-Luc O'Neill Jr. ", "Jean-Luc O'Neill Jr.")]
    [InlineData("Zoë", "Zoë")]
    public void TryCreate_SpeakerName_CarriedTrimmed(string name, string expected)
    {
        var data = Valid() with { Messages = [new() { Role = "assistant", Content = "I joined a choir.", Name = name }] };

        Assert.True(ConversationEventValidator.TryCreate(data, "evt-key", Now, out _, out var request, out var reason), reason?.Message);
        Assert.Equal(expected, request!.Messages[0].Speaker);
    }

    [Theory]
    [MemberData(nameof(InvalidData))]
    public void TryCreate_InvalidData_FailsNamingTheField(ConversationEventData data, string expectedReason)
    {
        var created = ConversationEventValidator.TryCreate(data, "evt-key", Now, out _, out var request, out var reason);

        Assert.False(created);
        Assert.Null(request);
        Assert.StartsWith(expectedReason, reason?.Message, StringComparison.Ordinal);
        Assert.StartsWith(reason!.Value.Field, reason.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_AtTheLimits_Succeeds()
    {
        var data = Valid(messages: 100, content: new string('x', 8_000)) with
        {
            TenantId = "t.1@x-y",
            UserId = new string('u', 128),
        };

        var created = ConversationEventValidator.TryCreate(data, "evt-key", Now, out var partition, out var request, out var reason);

        Assert.True(created, reason?.Message);
        Assert.Equal("t.1@x-y", partition.TenantId);
        Assert.Equal(100, request!.Messages.Count);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("Assistant")]
    [InlineData("SYSTEM")]
    [InlineData("tool")]
    public void TryCreate_KnownRoleInAnyCase_Succeeds(string role)
    {
        var data = Valid() with { Messages = [new() { Role = role, Content = "x" }] };

        Assert.True(ConversationEventValidator.TryCreate(data, "evt-key", Now, out _, out _, out _));
    }
}
