using MemoryFunctions.Http.EventGrid;

namespace MemoryFunctions.Http.Tests.EventGrid;

/// <summary>The event's own fields (tenant and user); the turns follow Core's TurnRules, tested in Memory.Core.Tests.</summary>
public sealed class ConversationEventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static ConversationEventData Valid() => new()
    {
        UserId = "alice",
        Messages = [new ConversationEventMessage { Role = "user", Content = "I prefer tea." }],
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
        { Valid() with { Messages = [new() { Role = "bot", Content = "x" }] }, "messages[0].role must be one of user, assistant, system, tool." },
    };

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
    public void TryCreate_Valid_PartitionFromTheEventAndIdsFromItsKey()
    {
        var data = Valid() with { TenantId = "t.1@x-y", UserId = new string('u', 128) };

        var created = ConversationEventValidator.TryCreate(data, "evt-key", Now, out var partition, out var request, out var reason);

        Assert.True(created, reason?.Message);
        Assert.Equal(("t.1@x-y", new string('u', 128)), (partition.TenantId, partition.UserId));
        Assert.Equal("evt-key-0", request!.Messages[0].Id);
    }

    [Fact]
    public void TryCreate_NoTenant_UsesTheDefaultTenant()
    {
        Assert.True(ConversationEventValidator.TryCreate(Valid(), "evt-key", Now, out var partition, out _, out _));
        Assert.Equal(ConversationEventLimits.DefaultTenantId, partition.TenantId);
    }
}
