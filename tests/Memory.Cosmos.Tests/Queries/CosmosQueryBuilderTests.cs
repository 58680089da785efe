using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Queries;

public sealed class CosmosQueryBuilderTests
{
    private const string Hostile = "x' OR 1=1 -- \"]) ; DROP c";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Visibility =
        " AND c.validFrom <= @at AND (NOT IS_DEFINED(c.validTo) OR IS_NULL(c.validTo) OR c.validTo > @at)" +
        " AND (NOT IS_DEFINED(c.expiresAt) OR IS_NULL(c.expiresAt) OR c.expiresAt > @at)";

    [Fact]
    public void List_DefaultFilter_VisibilityOnlyAndNewestFirst()
    {
        var query = CosmosQueryBuilder.List(new MemoryFilter { At = At }, visibleFrom: null);

        Assert.Equal("SELECT * FROM c WHERE c.type = 'memory'" + Visibility + " ORDER BY c.createdAt DESC, c.id ASC", query.QueryText);
        Assert.Equal([("@at", (object)"2026-11-01T12:00:00.0000000Z")], Parameters(query));
    }

    [Fact]
    public void List_IncludeSuperseded_DropsValidToCondition()
    {
        var query = CosmosQueryBuilder.List(new MemoryFilter { At = At, IncludeSuperseded = true }, visibleFrom: null);

        Assert.DoesNotContain("validTo", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("c.validFrom <= @at", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("c.expiresAt > @at", query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public void List_EveryFilter_OneParameterisedConditionEach()
    {
        var filter = new MemoryFilter
        {
            At = At,
            Kinds = [MemoryKind.Preference, MemoryKind.Fact, MemoryKind.Preference],
            AgentId = "agent-7",
            SessionId = "session-3",
            CreatedFrom = At.AddDays(-7),
            CreatedTo = At,
            Tags = ["work", "urgent"],
            Metadata = new Dictionary<string, MetadataValue>
            {
                ["team"] = MetadataValue.FromString("red"),
                ["level"] = MetadataValue.FromNumber(3),
                ["vip"] = MetadataValue.FromBoolean(true),
            },
        };

        var query = CosmosQueryBuilder.List(filter, visibleFrom: null);

        Assert.Equal(
            "SELECT * FROM c WHERE c.type = 'memory'" + Visibility +
            " AND c.kind IN (@kind0, @kind1)" +
            " AND c.agentId = @agentId AND c.sessionId = @sessionId" +
            " AND c.createdAt >= @createdFrom AND c.createdAt < @createdTo" +
            " AND ARRAY_CONTAINS(c.tags, @tag0) AND ARRAY_CONTAINS(c.tags, @tag1)" +
            " AND ARRAY_CONTAINS(ObjectToArray(c.metadata), {\"k\": @metaKey0, \"v\": @metaValue0})" +
            " AND ARRAY_CONTAINS(ObjectToArray(c.metadata), {\"k\": @metaKey1, \"v\": @metaValue1})" +
            " AND ARRAY_CONTAINS(ObjectToArray(c.metadata), {\"k\": @metaKey2, \"v\": @metaValue2})" +
            " ORDER BY c.createdAt DESC, c.id ASC",
            query.QueryText);
        Assert.Equal(
            [
                ("@at", (object)"2026-11-01T12:00:00.0000000Z"),
                ("@kind0", "preference"), ("@kind1", "fact"),
                ("@agentId", "agent-7"), ("@sessionId", "session-3"),
                ("@createdFrom", "2026-10-25T12:00:00.0000000Z"), ("@createdTo", "2026-11-01T12:00:00.0000000Z"),
                ("@tag0", "work"), ("@tag1", "urgent"),
                ("@metaKey0", "level"), ("@metaValue0", 3d),
                ("@metaKey1", "team"), ("@metaValue1", "red"),
                ("@metaKey2", "vip"), ("@metaValue2", true),
            ],
            Parameters(query));
    }

    [Fact]
    public void List_HostileValues_OnlyInParametersNeverInSql()
    {
        var filter = new MemoryFilter
        {
            At = At,
            AgentId = Hostile,
            SessionId = Hostile,
            Tags = [Hostile],
            Metadata = new Dictionary<string, MetadataValue> { [Hostile] = MetadataValue.FromString(Hostile) },
        };

        var query = CosmosQueryBuilder.List(filter, visibleFrom: null);

        Assert.DoesNotContain("1=1", query.QueryText, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP", query.QueryText, StringComparison.Ordinal);
        Assert.DoesNotContain("'x", query.QueryText, StringComparison.Ordinal);
        Assert.Equal(5, Parameters(query).Count(p => Hostile.Equals(p.Value)));
    }

    [Fact]
    public void VectorSearch_Query_TopKByVectorDistanceWithFilter()
    {
        var vector = new[] { 0.6f, 0.8f };
        var query = CosmosQueryBuilder.VectorSearch(new MemorySearchQuery(vector, "ignored", new MemoryFilter { At = At, AgentId = "a" }, 20), visibleFrom: null);

        Assert.Equal(
            $"SELECT TOP 20 {SearchProjection.Memory} AS memory, VectorDistance(c.embedding, @vector) AS score FROM c WHERE c.type = 'memory'" + Visibility +
            " AND c.agentId = @agentId ORDER BY VectorDistance(c.embedding, @vector)",
            query.QueryText);
        var parameters = Parameters(query);
        Assert.DoesNotContain(parameters, p => p.Name == "@top");
        Assert.Same(vector, parameters.Single(p => p.Name == "@vector").Value);
    }

    [Fact]
    public void LexicalSearch_Terms_EachTermAParameterOfFullTextScore()
    {
        var search = new MemorySearchQuery([1f], Hostile, new MemoryFilter { At = At }, 10);

        var query = CosmosQueryBuilder.LexicalSearch(search, ["coffee", Hostile], visibleFrom: null);

        Assert.Equal(
            $"SELECT TOP 10 {SearchProjection.Memory} AS memory, VectorDistance(c.embedding, @vector) AS score FROM c WHERE c.type = 'memory'" + Visibility +
            " AND FullTextContainsAny(c.text, @term0, @term1) ORDER BY RANK FullTextScore(c.text, @term0, @term1)",
            query.QueryText);
        Assert.Contains(("@term0", (object)"coffee"), Parameters(query));
        Assert.Contains(("@term1", (object)Hostile), Parameters(query));
    }

    /// <summary>Issue 26: a kept turn's resolved dates and preceding turn are searched by the same query on their own path.</summary>
    [Theory]
    [InlineData("/resolvedDates", "c.resolvedDates")]
    [InlineData("/precedingText", "c.precedingText")]
    public void LexicalSearch_TurnFieldPath_MatchedAndScoredOnThatPath(string path, string property)
    {
        var search = new MemorySearchQuery([], "hike", new MemoryFilter { At = At }, 10);

        var query = CosmosQueryBuilder.LexicalSearch(search, ["hike"], visibleFrom: null, path);

        Assert.Equal(
            $"SELECT TOP 10 {SearchProjection.Memory} AS memory FROM c WHERE c.type = 'memory'" + Visibility +
            $" AND FullTextContainsAny({property}, @term0) ORDER BY RANK FullTextScore({property}, @term0)",
            query.QueryText);
    }

    [Fact]
    public void SearchProjection_EveryStoredFieldButTheEmbedding()
    {
        Assert.Contains("\"text\": c[\"text\"]", SearchProjection.Memory, StringComparison.Ordinal);
        Assert.Contains("\"_etag\": c[\"_etag\"]", SearchProjection.Memory, StringComparison.Ordinal);
        Assert.Contains("\"validTo\": c[\"validTo\"]", SearchProjection.Memory, StringComparison.Ordinal);
        Assert.DoesNotContain("embedding", SearchProjection.Memory, StringComparison.Ordinal);
    }

    [Fact]
    public void LexicalSearch_NoTerms_Throws()
    {
        var search = new MemorySearchQuery([1f], "", new MemoryFilter { At = At }, 10);

        Assert.Throws<ArgumentException>(() => CosmosQueryBuilder.LexicalSearch(search, [], visibleFrom: null));
    }

    [Fact]
    public void History_MemoryId_Parameterised()
    {
        var query = CosmosQueryBuilder.History(Hostile, visibleFrom: null);

        Assert.Equal("SELECT * FROM c WHERE c.type = 'history' AND c.memoryId = @memoryId", query.QueryText);
        Assert.Equal([("@memoryId", (object)Hostile)], Parameters(query));
    }

    [Fact]
    public void UnfinishedOperations_Query_QueuedOrRunningOperationsOnly()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = 'operation' AND c.status IN ('queued', 'running')",
            CosmosQueryBuilder.UnfinishedOperations().QueryText);
    }

    [Fact]
    public void List_AfterAnErase_OnlyTheCurrentEpochInTheSameQuery()
    {
        var query = CosmosQueryBuilder.List(new MemoryFilter { At = At }, visibleFrom: 3);

        Assert.StartsWith("SELECT * FROM c WHERE c.type = 'memory' AND c.epoch >= @epoch AND ", query.QueryText, StringComparison.Ordinal);
        Assert.Contains(("@epoch", (object)3L), Parameters(query));
    }

    private static List<(string Name, object Value)> Parameters(QueryDefinition query) => query.GetQueryParameters().ToList();
}
