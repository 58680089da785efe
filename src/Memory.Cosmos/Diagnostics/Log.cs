using System.Net;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Cosmos.Diagnostics;

/// <summary>Memory.Cosmos log messages: event ids 5000–5999. Memory text never appears above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Cosmos DB container {Database}/{Container} is ready (vector index {IndexType}, {Dimensions} dimensions, full-text search {FullText})")]
    public static partial void ContainerReady(ILogger logger, string database, string container, string indexType, int dimensions, bool fullText);

    [LoggerMessage(5001, LogLevel.Information, "Created Cosmos DB container {Database}/{Container}")]
    public static partial void ContainerCreated(ILogger logger, string database, string container);

    [LoggerMessage(5002, LogLevel.Error, "Cosmos DB container {Database}/{Container} does not match the configuration: {Problems}")]
    public static partial void ContainerMismatch(ILogger logger, string database, string container, string problems);

    [LoggerMessage(5003, LogLevel.Warning, "Cosmos DB container {Database}/{Container} has no full-text policy and index on {Paths}: search scores the other paths only (a kept turn is not found by its resolved dates or the turn it answers). Add them to the container's full-text policy and full-text indexes as in cosmos-container.json (azd provision applies it)")]
    public static partial void FullTextPathsMissing(ILogger logger, string database, string container, string paths);

    [LoggerMessage(5005, LogLevel.Debug, "Cosmos DB {Operation} on tenant {TenantId}: {Status}, {RequestCharge} RU")]
    public static partial void Request(ILogger logger, string operation, string tenantId, HttpStatusCode status, double requestCharge);

    [LoggerMessage(5006, LogLevel.Trace, "Search terms for tenant {TenantId}: {Terms}")]
    public static partial void SearchTermsUsed(ILogger logger, string tenantId, string terms);
}
