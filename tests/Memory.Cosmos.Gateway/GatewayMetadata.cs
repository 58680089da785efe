using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>
/// What the SDK reads before any data call, in the service's JSON: the account (regions, consistency, query engine limits),
/// the container (partition key, policies) and its partition key ranges. One physical partition: one range, ["", "FF").
/// </summary>
internal static class GatewayMetadata
{
    /// <summary>The database's resource id (the SDK's own test value; it parses resource ids).</summary>
    public const string DatabaseRid = "ccZ1AA==";

    public const string RangeRid = "ccZ1ANCszwkCAAAAAAAAUA==";

    public static JsonObject Account(Uri endpoint)
    {
        var location = new JsonObject { ["name"] = "Gateway", ["databaseAccountEndpoint"] = endpoint.ToString() };
        return new JsonObject
        {
            ["id"] = "gateway",
            ["_rid"] = endpoint.Host,
            ["_self"] = "",
            ["writableLocations"] = new JsonArray(location.DeepClone()),
            ["readableLocations"] = new JsonArray(location.DeepClone()),
            ["enableMultipleWriteLocations"] = false,
            ["userConsistencyPolicy"] = new JsonObject { ["defaultConsistencyLevel"] = "Session" },
            ["systemReplicationPolicy"] = new JsonObject { ["minReplicaSetSize"] = 1, ["maxReplicasetSize"] = 4 },
            ["userReplicationPolicy"] = new JsonObject { ["minReplicaSetSize"] = 1, ["maxReplicasetSize"] = 4 },
            ["readPolicy"] = new JsonObject { ["primaryReadCoefficient"] = 1, ["secondaryReadCoefficient"] = 1 },
            ["queryEngineConfiguration"] = "{\"maxSqlQueryInputLength\":262144,\"maxJoinsPerSqlQuery\":5,\"maxLogicalAndPerSqlQuery\":500,\"maxLogicalOrPerSqlQuery\":500,\"maxUdfRefPerSqlQuery\":10,\"maxInExpressionItemsCount\":16000,\"queryMaxInMemorySortDocumentCount\":500,\"maxQueryRequestTimeoutFraction\":0.9,\"sqlAllowNonFiniteNumbers\":false,\"sqlAllowAggregateFunctions\":true,\"sqlAllowSubQuery\":true,\"sqlAllowScalarSubQuery\":true,\"allowNewKeywords\":true,\"sqlAllowLike\":true,\"sqlAllowGroupByClause\":true,\"maxSpatialQueryCells\":12,\"spatialMaxGeometryPointCount\":256,\"sqlDisableOptimizationFlags\":0,\"sqlAllowTop\":true,\"enableSpatialIndexing\":true}",
        };
    }

    /// <summary>The full-text paths of <c>cosmos-container.json</c>: the memory text and a kept turn's resolved dates and preceding turn.</summary>
    public static IReadOnlyList<string> FullTextPaths { get; } = ["/text", "/resolvedDates", "/precedingText"];

    /// <summary>The container as deployed from <c>cosmos-container.json</c> (tests change it to probe the start-up check).</summary>
    public static JsonObject Container(CosmosGatewayOptions options) => new()
    {
        ["id"] = options.ContainerName,
        ["_rid"] = GatewayResponses.ContainerRid,
        ["_self"] = $"dbs/{DatabaseRid}/colls/{GatewayResponses.ContainerRid}/",
        ["_etag"] = "\"container-1\"",
        ["defaultTtl"] = -1,
        ["partitionKey"] = new JsonObject { ["paths"] = new JsonArray("/tenantId", "/userId"), ["kind"] = "MultiHash", ["version"] = 2 },
        ["indexingPolicy"] = new JsonObject
        {
            ["indexingMode"] = "consistent",
            ["automatic"] = true,
            ["includedPaths"] = new JsonArray(new JsonObject { ["path"] = "/*" }),
            ["excludedPaths"] = new JsonArray(new JsonObject { ["path"] = "/embedding/*" }, new JsonObject { ["path"] = "/\"_etag\"/?" }),
            ["vectorIndexes"] = new JsonArray(new JsonObject { ["path"] = "/embedding", ["type"] = options.VectorIndexType }),
            ["fullTextIndexes"] = new JsonArray([.. FullTextPaths.Select(path => new JsonObject { ["path"] = path })]),
            ["compositeIndexes"] = new JsonArray(new JsonArray(
                new JsonObject { ["path"] = "/createdAt", ["order"] = "descending" },
                new JsonObject { ["path"] = "/id", ["order"] = "ascending" })),
        },
        ["vectorEmbeddingPolicy"] = new JsonObject
        {
            ["vectorEmbeddings"] = new JsonArray(new JsonObject
            {
                ["path"] = "/embedding", ["dataType"] = "float32", ["distanceFunction"] = "cosine", ["dimensions"] = options.EmbeddingDimensions,
            }),
        },
        ["fullTextPolicy"] = new JsonObject
        {
            ["defaultLanguage"] = "en-US",
            ["fullTextPaths"] = new JsonArray([.. FullTextPaths.Select(path => new JsonObject { ["path"] = path, ["language"] = "en-US" })]),
        },
    };

    public static JsonObject PartitionKeyRanges() => new()
    {
        ["_rid"] = GatewayResponses.ContainerRid,
        ["PartitionKeyRanges"] = new JsonArray(new JsonObject
        {
            ["id"] = "0", ["_rid"] = RangeRid, ["minInclusive"] = "", ["maxExclusive"] = "FF", ["parents"] = new JsonArray(),
        }),
        ["_count"] = 1,
    };
}
