using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// Every SQL text the store sends. Caller-supplied values (ids, tags, metadata keys and values, dates, vectors, search terms)
/// only ever travel as parameters (TOP is our own validated integer, written literally); the SQL text is assembled from constants and generated parameter names alone.
/// All queries run with the full hierarchical partition key in the request options, so the filters here never repeat it.
/// Reads of a user's documents take the epoch they may show from (<see cref="Stores.EpochView.VisibleFrom"/>): once an
/// erase has moved the epoch, <c>c.epoch &gt;= @epoch</c> hides what it is still deleting, inside the same query.
/// </summary>
internal static class CosmosQueryBuilder
{
    public static QueryDefinition List(MemoryFilter filter, long? visibleFrom)
    {
        var query = new SqlBuilder("SELECT * FROM c WHERE c.type = 'memory'");
        AddEpoch(query, visibleFrom);
        AddFilter(query, filter);

        // Composite index (createdAt DESC, id ASC) in cosmos-container.json serves this order; continuation tokens then stay cheap.
        query.Append(" ORDER BY c.createdAt DESC, c.id ASC");
        return query.Build();
    }

    public static QueryDefinition VectorSearch(MemorySearchQuery search, long? visibleFrom)
    {
        ArgumentNullException.ThrowIfNull(search);
        var query = new SqlBuilder($"SELECT TOP {Top(search)} {SearchProjection.Memory} AS memory, VectorDistance(c.embedding, @vector) AS score FROM c WHERE c.type = 'memory'");
        query.Parameter("@vector", search.Vector);
        AddEpoch(query, visibleFrom);
        AddFilter(query, search.Filter);

        // With cosine distance VectorDistance is a similarity, and ORDER BY VectorDistance returns the most similar first.
        query.Append(" ORDER BY VectorDistance(c.embedding, @vector)");
        return query.Build();
    }

    /// <summary>
    /// BM25 over one full-text <paramref name="path"/> (the memory text, or a kept turn's resolved dates or preceding turn;
    /// the store fuses the paths' rankings). FullTextScore takes each term as a separate string argument; the terms are
    /// bound as parameters (@term0, @term1, …), never inlined. FullTextContainsAny keeps documents that match no term in
    /// that path out of the ranking. FullTextScore cannot be projected, so this channel yields ranks only; when the search
    /// has a vector, each hit also carries its VectorDistance, so a memory only this channel found still has a similarity
    /// (ingestion's neighbour check).
    /// </summary>
    public static QueryDefinition LexicalSearch(MemorySearchQuery search, IReadOnlyList<string> terms, long? visibleFrom, string path = "/text")
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (terms.Count == 0)
        {
            throw new ArgumentException("At least one search term is needed.", nameof(terms));
        }

        var score = search.Vector.Length == 0 ? string.Empty : ", VectorDistance(c.embedding, @vector) AS score";
        var query = new SqlBuilder($"SELECT TOP {Top(search)} {SearchProjection.Memory} AS memory{score} FROM c WHERE c.type = 'memory'");
        if (score.Length > 0)
        {
            query.Parameter("@vector", search.Vector);
        }

        AddEpoch(query, visibleFrom);
        AddFilter(query, search.Filter);
        var names = terms.Select((term, i) => query.Parameter($"@term{i.ToString(CultureInfo.InvariantCulture)}", term)).ToList();
        var list = string.Join(", ", names);
        var property = "c" + path.Replace('/', '.');
        query.Append($" AND FullTextContainsAny({property}, {list}) ORDER BY RANK FullTextScore({property}, {list})");
        return query.Build();
    }

    /// <summary>
    /// TOP as a literal integer, never a parameter: Cosmos DB rejects parameterised OFFSET/LIMIT in ORDER BY RANK queries
    /// ("Expected a number literal"; EF Core inlines it for the same reason, dotnet/efcore#35867). It is our own validated
    /// integer, not caller text, so the no-inlining rule for caller values still holds.
    /// </summary>
    private static string Top(MemorySearchQuery search)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(search.CandidateCount, 1);
        return search.CandidateCount.ToString(CultureInfo.InvariantCulture);
    }

    public static QueryDefinition History(string memoryId, long? visibleFrom)
    {
        var query = new SqlBuilder("SELECT * FROM c WHERE c.type = 'history' AND c.memoryId = @memoryId").Parameter("@memoryId", memoryId, out _);
        AddEpoch(query, visibleFrom);
        return query.Build();
    }

    /// <summary>Every document of a type (export); <paramref name="visibleFrom"/> as for the other reads (operations take null: they are judged one by one).</summary>
    public static QueryDefinition OfType(string type, long? visibleFrom)
    {
        var query = new SqlBuilder("SELECT * FROM c WHERE c.type = @type").Parameter("@type", type, out _);
        AddEpoch(query, visibleFrom);
        return query.Build();
    }

    /// <summary>A tenant's audit trail (run in its audit partition), newest first; <c>ttl</c> removes old records lazily, so retention is applied here too.</summary>
    public static QueryDefinition AuditTrail(int limit, DateTimeOffset notBefore) =>
        new SqlBuilder($"SELECT TOP {limit.ToString(CultureInfo.InvariantCulture)} * FROM c WHERE c.type = 'audit' AND c.startedAt >= @notBefore ORDER BY c.startedAt DESC")
            .Parameter("@notBefore", CosmosDates.ToText(notBefore), out _).Build();

    /// <summary>The only cross-partition query: a restarted runner must find unfinished operations of every user.</summary>
    public static QueryDefinition UnfinishedOperations() =>
        new("SELECT * FROM c WHERE c.type = 'operation' AND c.status IN ('queued', 'running')");

    /// <summary>
    /// Hides documents of erased epochs. Documents written before epochs were stamped have no <c>epoch</c>, and a comparison
    /// with an undefined value is not true, so they are hidden too, which is right: the filter applies only after an erase
    /// that stamped documents, and every unstamped document is older than that erase.
    /// </summary>
    private static void AddEpoch(SqlBuilder query, long? visibleFrom)
    {
        if (visibleFrom is { } epoch)
        {
            query.Append($" AND c.epoch >= {query.Parameter("@epoch", epoch)}");
        }
    }

    /// <summary>A memory not superseded (ended) at <c>@at</c>; dates are fixed-width ISO-8601 UTC strings, so string order is time order.</summary>
    internal const string NotEndedAt = "(NOT IS_DEFINED(c.validTo) OR IS_NULL(c.validTo) OR c.validTo > @at)";

    /// <summary>A memory not expired at <c>@at</c>.</summary>
    internal const string NotExpiredAt = "(NOT IS_DEFINED(c.expiresAt) OR IS_NULL(c.expiresAt) OR c.expiresAt > @at)";

    /// <summary>Applies <paramref name="filter"/> with the semantics of <see cref="MemoryFilter.Matches"/>.</summary>
    private static void AddFilter(SqlBuilder query, MemoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // Dates are fixed-width ISO-8601 UTC strings, so string comparison is time order.
        query.Parameter("@at", CosmosDates.ToText(filter.At));
        query.Append(" AND c.validFrom <= @at");
        if (!filter.IncludeSuperseded)
        {
            query.Append($" AND {NotEndedAt}");
        }

        query.Append($" AND {NotExpiredAt}");

        if (filter.Kinds is { Count: > 0 } kinds)
        {
            var names = kinds.Distinct().Select((kind, i) => query.Parameter($"@kind{Index(i)}", CosmosJson.EnumText(kind)));
            query.Append($" AND c.kind IN ({string.Join(", ", names)})");
        }

        if (filter.AgentId is not null)
        {
            query.Append($" AND c.agentId = {query.Parameter("@agentId", filter.AgentId)}");
        }

        if (filter.SessionId is not null)
        {
            query.Append($" AND c.sessionId = {query.Parameter("@sessionId", filter.SessionId)}");
        }

        if (filter.CreatedFrom is { } from)
        {
            query.Append($" AND c.createdAt >= {query.Parameter("@createdFrom", CosmosDates.ToText(from))}");
        }

        if (filter.CreatedTo is { } to)
        {
            query.Append($" AND c.createdAt < {query.Parameter("@createdTo", CosmosDates.ToText(to))}");
        }

        if (filter.Tags is { Count: > 0 } tags)
        {
            foreach (var (tag, i) in tags.Distinct(StringComparer.Ordinal).Select((tag, i) => (tag, i)))
            {
                query.Append($" AND ARRAY_CONTAINS(c.tags, {query.Parameter($"@tag{Index(i)}", tag)})");
            }
        }

        if (filter.Metadata is { Count: > 0 } metadata)
        {
            // The key is data, whatever characters it holds, so it travels as a parameter. A parameter inside bracket access
            // (c.metadata[@key]) is outside the documented grammar (a bracketed property name is a string literal); ObjectToArray
            // turns the map into [{"k": name, "v": value}] and ARRAY_CONTAINS matches one whole pair, both documented functions
            // (https://learn.microsoft.com/azure/cosmos-db/nosql/query/objecttoarray, .../array-contains). It is evaluated per
            // document of the user's partition, not served by the index: metadata filters cost RU in proportion to that partition.
            foreach (var ((key, value), i) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select((pair, i) => ((pair.Key, pair.Value), i)))
            {
                var keyName = query.Parameter($"@metaKey{Index(i)}", key);
                var valueName = query.Parameter($"@metaValue{Index(i)}", Scalar(value));
                query.Append($" AND ARRAY_CONTAINS(ObjectToArray(c.metadata), {{\"k\": {keyName}, \"v\": {valueName}}})");
            }
        }
    }

    private static object Scalar(MetadataValue value) => value.Type switch
    {
        MetadataValueType.String => value.Text!,
        MetadataValueType.Number => value.Number,
        _ => value.Boolean,
    };

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>SQL text plus parameters, kept together so a test can read back exactly what is sent.</summary>
    private sealed class SqlBuilder(string select)
    {
        private readonly StringBuilder _text = new(select);
        private readonly List<(string Name, object Value)> _parameters = [];

        public void Append(string sql) => _text.Append(sql);

        public string Parameter(string name, object value)
        {
            _parameters.Add((name, value));
            return name;
        }

        public SqlBuilder Parameter(string name, object value, out string parameterName)
        {
            parameterName = Parameter(name, value);
            return this;
        }

        public QueryDefinition Build()
        {
            var definition = new QueryDefinition(_text.ToString());
            foreach (var (name, value) in _parameters)
            {
                definition.WithParameter(name, value);
            }

            return definition;
        }
    }
}
