using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Validation;

namespace MemoryFunctions.Http.Tests.Validation;

public sealed class RequestValidatorTests
{
    private static readonly MemoryHttpOptions Limits = new();

    public static TheoryData<CreateMemoryRequest, string> InvalidCreates => new()
    {
        { new CreateMemoryRequest(), "text" },
        { new CreateMemoryRequest { Text = " \t" }, "text" },
        { new CreateMemoryRequest { Text = new string('a', 8_001) }, "text" },
        { new CreateMemoryRequest { Text = "x", AgentId = "a/b" }, "agentId" },
        { new CreateMemoryRequest { Text = "x", SessionId = "" }, "sessionId" },
        { new CreateMemoryRequest { Text = "x", Confidence = 1.01 }, "confidence" },
        { new CreateMemoryRequest { Text = "x", Confidence = double.NaN }, "confidence" },
        { new CreateMemoryRequest { Text = "x", Importance = -0.5 }, "importance" },
        { new CreateMemoryRequest { Text = "x", Tags = [.. Enumerable.Range(0, 33).Select(i => $"t{i}")] }, "tags" },
        { new CreateMemoryRequest { Text = "x", Tags = ["ok", new string('t', 65)] }, "tags[1]" },
        { new CreateMemoryRequest { Text = "x", Tags = ["line\nbreak"] }, "tags[0]" },
        { new CreateMemoryRequest { Text = "x", Metadata = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", _ => MetadataValue.FromBoolean(true)) }, "metadata" },
        { new CreateMemoryRequest { Text = "x", Metadata = new() { ["1starts-with-digit"] = MetadataValue.FromNumber(1) } }, "metadata.1starts-with-digit" },
        { new CreateMemoryRequest { Text = "x", Metadata = new() { ["long"] = MetadataValue.FromString(new string('v', 1_025)) } }, "metadata.long" },
        { new CreateMemoryRequest { Text = "x", Metadata = new() { ["inf"] = MetadataValue.FromNumber(double.PositiveInfinity) } }, "metadata.inf" },
        {
            new CreateMemoryRequest { Text = "x", ValidFrom = DateTimeOffset.Parse("2026-02-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ExpiresAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) },
            "expiresAt"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public void Validate_InvalidCreate_ReportsTheFieldByName(CreateMemoryRequest request, string field)
    {
        var errors = RequestValidator.Validate(request, Limits);

        Assert.True(errors.ContainsKey(field), $"No error for {field}: {string.Join(", ", errors.Keys)}");
        Assert.Contains(field, errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteCreate_ReturnsNoErrors()
    {
        var request = new CreateMemoryRequest
        {
            Text = "Prefers window seats",
            Kind = MemoryKind.Preference,
            AgentId = "travel-agent",
            SessionId = "s-1",
            Tags = ["travel", "flights"],
            Metadata = new() { ["airline"] = MetadataValue.FromString("TAP"), ["trips"] = MetadataValue.FromNumber(3), ["vip"] = MetadataValue.FromBoolean(false) },
            Confidence = 0.9,
            Importance = 1,
        };

        Assert.Empty(RequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void Validate_EmptyPatch_ReportsBody()
    {
        var errors = RequestValidator.Validate(new UpdateMemoryRequest(), Limits);

        Assert.Contains("at least one", Assert.Single(errors["body"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData(null, "confidence")]
    public void Validate_InvalidPatch_ReportsTheField(string? text, string field)
    {
        var request = new UpdateMemoryRequest { Text = text, Confidence = text is null ? 7 : null };

        Assert.True(RequestValidator.Validate(request, Limits).ContainsKey(field));
    }

    [Theory]
    [InlineData(null, 10, 0.0, "query")]
    [InlineData("q", 0, 0.0, "topK")]
    [InlineData("q", 101, 0.0, "topK")]
    [InlineData("q", 5, -0.01, "minScore")]
    public void Validate_InvalidSearch_ReportsTheField(string? query, int topK, double minScore, string field)
    {
        var errors = RequestValidator.Validate(new SearchMemoriesRequest { Query = query, TopK = topK, MinScore = minScore }, Limits);

        Assert.True(errors.ContainsKey(field));
        Assert.Contains(field, errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchWithInvertedTimeRange_ReportsCreatedTo()
    {
        var now = DateTimeOffset.UnixEpoch;
        var errors = RequestValidator.Validate(new SearchMemoriesRequest { Query = "q", CreatedFrom = now, CreatedTo = now }, Limits);

        Assert.Contains("'createdTo' must be later than 'createdFrom'", errors["createdTo"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchQueryOverLimit_ReportsLengthAndLimit()
    {
        var errors = RequestValidator.Validate(new SearchMemoriesRequest { Query = new string('q', 4_001) }, Limits);

        Assert.Contains("4001", errors["query"][0], StringComparison.Ordinal);
        Assert.Contains("4000", errors["query"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(63, null, "maxTokens")]
    [InlineData(32_001, null, "maxTokens")]
    [InlineData(64, 0, "maxMemories")]
    [InlineData(64, 101, "maxMemories")]
    public void Validate_InvalidContext_ReportsTheField(int maxTokens, int? maxMemories, string field)
    {
        var errors = RequestValidator.Validate(new BuildContextRequest { Query = "q", MaxTokens = maxTokens, MaxMemories = maxMemories }, Limits);

        Assert.True(errors.ContainsKey(field));
    }

    [Fact]
    public void Validate_ContextAtBothTokenBounds_ReturnsNoErrors()
    {
        Assert.Empty(RequestValidator.Validate(new BuildContextRequest { Query = "q", MaxTokens = 64 }, Limits));
        Assert.Empty(RequestValidator.Validate(new BuildContextRequest { Query = "q", MaxTokens = 32_000 }, Limits));
    }

    [Fact]
    public void Validate_CustomLimits_AreHonoured()
    {
        var limits = new MemoryHttpOptions { MaxTextLength = 5 };

        Assert.True(RequestValidator.Validate(new CreateMemoryRequest { Text = "123456" }, limits).ContainsKey("text"));
        Assert.Empty(RequestValidator.Validate(new CreateMemoryRequest { Text = "12345" }, limits));
    }
}
