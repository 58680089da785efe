using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MemoryFunctions.Http.Tests.Endpoints;

public sealed class QueryParserTests
{
    private static readonly MemoryPartition Partition = new("default", "u1");
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ParseList_Defaults_NowNoFiltersDefaultPageSize()
    {
        var query = Parse(string.Empty, out var errors)!;

        Assert.True(errors.IsEmpty);
        Assert.Equal(Now, query.Filter.At);
        Assert.Equal(50, query.PageSize);
        Assert.Null(query.Filter.Kinds);
        Assert.False(query.Filter.IncludeSuperseded);
        Assert.False(query.IncludeEmbedding);
    }

    [Fact]
    public void ParseList_RepeatedKindAndTag_CollectsAll()
    {
        var query = Parse("?kind=fact&kind=Preference&tag=a&tag=b&tag=a&includeSuperseded=true&asOf=2026-01-31T10:00:00Z&pageSize=7", out _)!;

        Assert.Equal([MemoryKind.Fact, MemoryKind.Preference], query.Filter.Kinds);
        Assert.Equal(["a", "b"], query.Filter.Tags);
        Assert.True(query.Filter.IncludeSuperseded);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero), query.Filter.At);
        Assert.Equal(7, query.PageSize);
    }

    [Theory]
    [InlineData("?kind=1", "kind")]
    [InlineData("?kind=gossip", "kind")]
    [InlineData("?pageSize=-1", "pageSize")]
    [InlineData("?pageSize=1&pageSize=2", "pageSize")]
    [InlineData("?includeEmbedding=1", "includeEmbedding")]
    [InlineData("?sessionId=..", "sessionId")]
    [InlineData("?asOf=01/02/2026", "asOf")]
    public void ParseList_BadParameter_ReportsItByName(string queryString, string field)
    {
        Assert.Null(Parse(queryString, out var errors));
        Assert.True(errors.ToDictionary().ContainsKey(field));
    }

    private static ListMemoriesQuery? Parse(string queryString, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var query = new QueryCollection(QueryHelpers.ParseQuery(queryString));
        return QueryParser.ParseList(query, Partition, new MemoryHttpOptions(), new CursorCodec(new MemoryHttpOptions()), Now, errors);
    }
}
