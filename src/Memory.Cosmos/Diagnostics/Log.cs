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

    [LoggerMessage(5004, LogLevel.Warning, "Full-text search query was rejected ({Status}); returning vector candidates only. Is full-text search enabled on the account?")]
    public static partial void LexicalSearchRejected(ILogger logger, HttpStatusCode status);

    [LoggerMessage(5005, LogLevel.Debug, "Cosmos DB {Operation} on tenant {TenantId}: {Status}, {RequestCharge} RU")]
    public static partial void Request(ILogger logger, string operation, string tenantId, HttpStatusCode status, double requestCharge);

    [LoggerMessage(5007, LogLevel.Warning, "Cosmos DB container {Database}/{Container} has no full-text policy and index on the text path; searches will be vector-only. Add them to the container or set Memory:Cosmos:FullTextSearch to false")]
    public static partial void FullTextMissing(ILogger logger, string database, string container);

    [LoggerMessage(5006, LogLevel.Trace, "Search terms for tenant {TenantId}: {Terms}")]
    public static partial void SearchTermsUsed(ILogger logger, string tenantId, string terms);
}
