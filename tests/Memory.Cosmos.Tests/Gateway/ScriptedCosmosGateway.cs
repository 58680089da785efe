using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Configuration;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>
/// A Cosmos DB gateway in process, for testing the store at its HTTP boundary: the real SDK in gateway mode talks to it through
/// <see cref="CosmosClientOptions.HttpClientFactory"/>. It answers what the SDK asks before any data call (account, container,
/// partition key ranges) from one physical partition, records every request, and lets a test script the answer to the rest
/// (429 with <c>x-ms-retry-after-ms</c>, 403 with a sub-status, 400 on a query, 412, …). Unscripted queries get an empty
/// page, other unscripted data calls 404.
/// </summary>
public sealed class ScriptedCosmosGateway : HttpMessageHandler
{
    public const string Endpoint = "https://scripted.documents.azure.com:443/";
    public const string DatabaseName = "memory";
    public const string ContainerName = "memories";

    // Resource ids must parse as Cosmos ResourceIds; these are the SDK's own test values.
    private const string DatabaseRid = "ccZ1AA==";
    private const string ContainerRid = "ccZ1ANCszwk=";

    private readonly ConcurrentQueue<RecordedCosmosRequest> _requests = new();
    private readonly List<Func<RecordedCosmosRequest, HttpResponseMessage?>> _script = [];
    private int _rangeReads;

    /// <summary>The container as the gateway describes it; tests change it to probe the start-up check.</summary>
    public JsonObject Container { get; } = DefaultContainer();

    /// <summary>Every request the SDK sent except the metadata reads above, in order.</summary>
    public IReadOnlyList<RecordedCosmosRequest> Requests => _requests.Where(r => !IsMetadata(r)).ToList();

    public IReadOnlyList<RecordedCosmosRequest> AllRequests => _requests.ToList();

    public IReadOnlyList<RecordedCosmosRequest> Queries => Requests.Where(r => r.IsQuery).ToList();

    /// <summary>Adds a responder; the first responder that returns a response wins. Responders see data calls only.</summary>
    public ScriptedCosmosGateway On(Func<RecordedCosmosRequest, HttpResponseMessage?> responder)
    {
        lock (_script)
        {
            _script.Add(responder);
        }

        return this;
    }

    /// <summary>Answers the first <paramref name="times"/> matching requests with <paramref name="respond"/>.</summary>
    public ScriptedCosmosGateway On(Func<RecordedCosmosRequest, bool> match, Func<HttpResponseMessage> respond, int times = int.MaxValue)
    {
        var left = times;
        return On(request => match(request) && Interlocked.Decrement(ref left) >= 0 ? respond() : null);
    }

    /// <summary>A client with the store's own options, switched to gateway mode and wired to this handler.</summary>
    public CosmosClient CreateClient(int maxRateLimitRetries = 0)
    {
        var options = CosmosClientFactory.CreateClientOptions(new CosmosMemoryOptions
        {
            AccountEndpoint = Endpoint,
            UseGatewayMode = true,
            MaxRetryAttemptsOnRateLimitedRequests = maxRateLimitRetries,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(5),
        });
        options.HttpClientFactory = () => new HttpClient(this, disposeHandler: false);
        options.LimitToEndpoint = true;
        return new CosmosClient(Endpoint, Convert.ToBase64String(Encoding.UTF8.GetBytes("scripted-key")), options);
    }

    public static HttpResponseMessage Status(HttpStatusCode status, int subStatus = 0, string? message = null, TimeSpan? retryAfter = null)
    {
        var response = Json(status, new JsonObject { ["code"] = status.ToString(), ["message"] = message ?? $"Scripted {(int)status}" });
        if (subStatus != 0)
        {
            response.Headers.Add("x-ms-substatus", subStatus.ToString(CultureInfo.InvariantCulture));
        }

        if (retryAfter is { } wait)
        {
            response.Headers.Add("x-ms-retry-after-ms", ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>A query page: the documents and, when more follow, the continuation the gateway hands out.</summary>
    public static HttpResponseMessage Page(IEnumerable<JsonNode> documents, string? continuation = null, double requestCharge = 2.5)
    {
        var array = new JsonArray(documents.Select(d => d.DeepClone()).ToArray());
        var response = Json(HttpStatusCode.OK, new JsonObject { ["_rid"] = ContainerRid, ["Documents"] = array, ["_count"] = array.Count }, requestCharge);
        response.Headers.Add("x-ms-item-count", array.Count.ToString(CultureInfo.InvariantCulture));
        if (continuation is not null)
        {
            response.Headers.Add("x-ms-continuation", continuation);
        }

        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body, double requestCharge = 1)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        response.Headers.Add("x-ms-request-charge", requestCharge.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
        response.Headers.Add("x-ms-session-token", "0:1#1");
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedCosmosRequest.FromAsync(request, cancellationToken);
        _requests.Enqueue(recorded);
        return Metadata(recorded) ?? Scripted(recorded) ?? Default(recorded);
    }

    private static HttpResponseMessage Default(RecordedCosmosRequest request) =>
        request.IsQueryPlan ? Json(HttpStatusCode.OK, StreamingPlan())
        : request.IsQuery ? Page([])
        : Status(HttpStatusCode.NotFound, message: "Not scripted");

    /// <summary>
    /// The plan the gateway computes on Linux (no native query parser there). This one declares every query streaming (no
    /// ORDER BY, TOP or aggregate for the SDK to merge), so the SDK forwards the store's SQL unchanged and passes our pages
    /// through: the store's requests and its handling of answers are tested, the service's query engine is not.
    /// </summary>
    private static JsonObject StreamingPlan() => new()
    {
        ["partitionedQueryExecutionInfoVersion"] = 2,
        ["queryInfo"] = new JsonObject
        {
            ["distinctType"] = "None",
            ["orderBy"] = new JsonArray(),
            ["orderByExpressions"] = new JsonArray(),
            ["groupByExpressions"] = new JsonArray(),
            ["groupByAliases"] = new JsonArray(),
            ["aggregates"] = new JsonArray(),
            ["groupByAliasToAggregateType"] = new JsonObject(),
            ["rewrittenQuery"] = "",
            ["hasSelectValue"] = false,
            ["hasNonStreamingOrderBy"] = false,
        },
        ["queryRanges"] = new JsonArray(new JsonObject { ["min"] = "", ["max"] = "FF", ["isMinInclusive"] = true, ["isMaxInclusive"] = false }),
    };

    private static bool IsMetadata(RecordedCosmosRequest request) =>
        request.Path == "/metadata/instance" || request.Method == HttpMethod.Get && (request.Path is "/" or "" || request.Path.EndsWith("/pkranges", StringComparison.Ordinal)
            || request.Path == $"/dbs/{DatabaseName}/colls/{ContainerName}" || request.Path == $"/dbs/{DatabaseRid}/colls/{ContainerRid}");

    private HttpResponseMessage? Metadata(RecordedCosmosRequest request)
    {
        if (!IsMetadata(request))
        {
            return null;
        }

        if (request.Path == "/metadata/instance")
        {
            // The SDK asks the Azure VM metadata service where it runs (telemetry); outside Azure nothing answers.
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (request.Path is "/" or "")
        {
            return Json(HttpStatusCode.OK, Account());
        }

        if (request.Path.EndsWith("/pkranges", StringComparison.Ordinal))
        {
            // The SDK reads ranges as an incremental change feed: the full list once, then "not modified".
            if (Interlocked.Increment(ref _rangeReads) > 1 && request.Header("If-None-Match") is not null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotModified);
            }

            var range = new JsonObject { ["id"] = "0", ["_rid"] = "ccZ1ANCszwkCAAAAAAAAUA==", ["minInclusive"] = "", ["maxExclusive"] = "FF", ["parents"] = new JsonArray() };
            var response = Json(HttpStatusCode.OK, new JsonObject { ["_rid"] = ContainerRid, ["PartitionKeyRanges"] = new JsonArray(range), ["_count"] = 1 });
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"ranges-1\"");
            return response;
        }

        return Json(HttpStatusCode.OK, Container.DeepClone());
    }

    private HttpResponseMessage? Scripted(RecordedCosmosRequest request)
    {
        lock (_script)
        {
            return _script.Select(responder => responder(request)).FirstOrDefault(response => response is not null);
        }
    }

    private static JsonObject Account()
    {
        var location = new JsonObject { ["name"] = "Scripted", ["databaseAccountEndpoint"] = Endpoint };
        return new JsonObject
        {
            ["id"] = "scripted",
            ["_rid"] = "scripted.documents.azure.com",
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

    private static JsonObject DefaultContainer() => new()
    {
        ["id"] = ContainerName,
        ["_rid"] = ContainerRid,
        ["_self"] = $"dbs/{DatabaseRid}/colls/{ContainerRid}/",
        ["_etag"] = "\"container-1\"",
        ["defaultTtl"] = -1,
        ["partitionKey"] = new JsonObject { ["paths"] = new JsonArray("/tenantId", "/userId"), ["kind"] = "MultiHash", ["version"] = 2 },
        ["indexingPolicy"] = new JsonObject
        {
            ["indexingMode"] = "consistent",
            ["automatic"] = true,
            ["includedPaths"] = new JsonArray(new JsonObject { ["path"] = "/*" }),
            ["excludedPaths"] = new JsonArray(new JsonObject { ["path"] = "/embedding/*" }, new JsonObject { ["path"] = "/\"_etag\"/?" }),
            ["vectorIndexes"] = new JsonArray(new JsonObject { ["path"] = "/embedding", ["type"] = "diskANN" }),
            ["fullTextIndexes"] = new JsonArray(new JsonObject { ["path"] = "/text" }),
        },
        ["vectorEmbeddingPolicy"] = new JsonObject
        {
            ["vectorEmbeddings"] = new JsonArray(new JsonObject { ["path"] = "/embedding", ["dataType"] = "float32", ["distanceFunction"] = "cosine", ["dimensions"] = 1536 }),
        },
        ["fullTextPolicy"] = new JsonObject
        {
            ["defaultLanguage"] = "en-US",
            ["fullTextPaths"] = new JsonArray(new JsonObject { ["path"] = "/text", ["language"] = "en-US" }),
        },
    };
}
