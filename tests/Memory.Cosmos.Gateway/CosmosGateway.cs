using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Gateway.Documents;
using MemoryFunctions.Cosmos.Gateway.Requests;
using MemoryFunctions.Cosmos.Gateway.Throughput;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>
/// A Cosmos DB for NoSQL gateway double that the real SDK talks to in gateway mode: stateful (documents per logical partition),
/// strict (the service's limits and refusals, each citing the page or SDK file it follows), with a request-unit model and a
/// per-physical-partition budget on a clock that may be virtual. It answers the SDK's metadata reads, point operations,
/// transactional batches, query plans and queries; tests can still script a response for any data call (<see cref="On(Func{RecordedCosmosRequest, HttpResponseMessage?})"/>)
/// to probe one failure, and stage a regional failover (<see cref="BeginFailover"/>). Use it in process through
/// <see cref="ConfigureClient"/>, or over loopback with <see cref="CosmosGatewayServer"/>.
/// </summary>
public sealed partial class CosmosGateway : HttpMessageHandler
{
    /// <summary>The endpoint the in-process client uses (no network: the handler answers).</summary>
    public static readonly Uri InProcessEndpoint = new("https://gateway.documents.azure.com:443/");

    /// <summary>Sub-status of 403 while a region does not accept writes (the SDK's SubStatusCodes.WriteForbidden).</summary>
    public const int WriteForbidden = 3;

    private readonly ConcurrentQueue<RecordedCosmosRequest> _requests = new();
    private readonly List<Func<RecordedCosmosRequest, HttpResponseMessage?>> _script = [];
    private readonly DocumentWriter _writer;
    private int _rangeReads;
    private volatile bool _failover;

    public CosmosGateway(CosmosGatewayOptions? options = null)
    {
        Options = options ?? new CosmosGatewayOptions();
        Options.Validate();
        Container = GatewayMetadata.Container(Options);
        Documents = new GatewayDocuments(Options.Clock, () => Container["defaultTtl"] is JsonValue ttl ? ttl.GetValue<int>() : null);
        Throughput = new ThroughputModel(Options.ProvisionedThroughput, Options.Clock, Options.PriorityBasedExecution);
        _writer = new DocumentWriter(Documents, Options);
    }

    public CosmosGatewayOptions Options { get; }

    /// <summary>The endpoint advertised in the account's regions; the loopback server sets its own address here.</summary>
    public Uri Endpoint { get; set; } = InProcessEndpoint;

    /// <summary>The container as the gateway describes it; tests change it to probe the start-up check.</summary>
    public JsonObject Container { get; }

    public GatewayDocuments Documents { get; }

    /// <summary>When true the container does not exist: reading it answers 404 (start-up check tests).</summary>
    public bool ContainerMissing { get; set; }

    public ThroughputModel Throughput { get; }

    /// <summary>Every request the SDK sent except the metadata reads, in order.</summary>
    public IReadOnlyList<RecordedCosmosRequest> Requests => _requests.Where(r => !IsMetadata(r)).ToList();

    public IReadOnlyList<RecordedCosmosRequest> Queries => Requests.Where(r => r.IsQuery).ToList();

    /// <summary>Adds a responder that overrides the model for one call; the first responder that returns a response wins.</summary>
    public CosmosGateway On(Func<RecordedCosmosRequest, HttpResponseMessage?> responder)
    {
        lock (_script)
        {
            _script.Add(responder);
        }

        return this;
    }

    /// <summary>Answers the first <paramref name="times"/> matching requests with <paramref name="respond"/>.</summary>
    public CosmosGateway On(Func<RecordedCosmosRequest, bool> match, Func<HttpResponseMessage> respond, int times = int.MaxValue)
    {
        var left = times;
        return On(request => match(request) && Interlocked.Decrement(ref left) >= 0 ? respond() : null);
    }

    /// <summary>
    /// From now until <see cref="EndFailover"/>, every write is refused with 403 sub-status 3 (WriteForbidden), as the write
    /// region does during a service-managed failover; reads still work. The SDK retries it on endpoint rediscovery
    /// (ClientRetryPolicy.cs: immediately, then every second, up to 120 times) unless the client is limited to one endpoint.
    /// </summary>
    public void BeginFailover() => _failover = true;

    public void EndFailover() => _failover = false;

    /// <summary>Wires a client's options to this handler: gateway mode, one endpoint (no region discovery: the handler is the region).</summary>
    public CosmosClientOptions ConfigureClient(CosmosClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConnectionMode = ConnectionMode.Gateway;
        options.HttpClientFactory = () => new HttpClient(this, disposeHandler: false);
        options.LimitToEndpoint = true;
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedCosmosRequest.FromAsync(request, cancellationToken);
        if (Options.RecordRequests)
        {
            _requests.Enqueue(recorded);
        }

        if (Metadata(recorded) is { } metadata)
        {
            return metadata;
        }

        if (Scripted(recorded) is { } scripted)
        {
            return scripted;
        }

        if (_failover && recorded.IsWrite)
        {
            return GatewayResponses.Status(HttpStatusCode.Forbidden, WriteForbidden, "The requested operation cannot be performed at this region: writes are forbidden during a failover.");
        }

        var lowPriority = Options.PriorityBasedExecution && string.Equals(recorded.Header("x-ms-cosmos-priority-level"), "Low", StringComparison.OrdinalIgnoreCase);
        if (!recorded.IsQueryPlan && Throughput.Admit(lowPriority) is { } wait)
        {
            return GatewayResponses.Status(
                HttpStatusCode.TooManyRequests, ThroughputModel.BudgetExceeded, "Request rate is large. More Request Units may be needed, so no changes were made.", wait);
        }

        var (response, charge) = await DispatchAsync(recorded);
        Throughput.Charge(charge, lowPriority);
        return response;
    }

    private HttpResponseMessage? Scripted(RecordedCosmosRequest request)
    {
        lock (_script)
        {
            return _script.Select(responder => responder(request)).FirstOrDefault(response => response is not null);
        }
    }

    private bool IsMetadata(RecordedCosmosRequest request) =>
        request.Path == "/metadata/instance" || (request.Method == HttpMethod.Get && (request.Path is "/" or "" || request.Path.EndsWith("/pkranges", StringComparison.Ordinal)
            || request.Path == ContainerPath || request.Path == $"/dbs/{GatewayMetadata.DatabaseRid}/colls/{GatewayResponses.ContainerRid}"));

    private string ContainerPath => $"/dbs/{Options.DatabaseName}/colls/{Options.ContainerName}";

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
            return GatewayResponses.Json(HttpStatusCode.OK, GatewayMetadata.Account(Endpoint));
        }

        if (request.Path.EndsWith("/pkranges", StringComparison.Ordinal))
        {
            // The SDK reads ranges as an incremental change feed: the full list once, then "not modified".
            if (Interlocked.Increment(ref _rangeReads) > 1 && request.Header("If-None-Match") is not null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotModified);
            }

            var response = GatewayResponses.Json(HttpStatusCode.OK, GatewayMetadata.PartitionKeyRanges());
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"ranges-1\"");
            return response;
        }

        return ContainerMissing
            ? GatewayResponses.Status(HttpStatusCode.NotFound, message: "Resource Not Found.")
            : GatewayResponses.Json(HttpStatusCode.OK, Container.DeepClone());
    }
}
