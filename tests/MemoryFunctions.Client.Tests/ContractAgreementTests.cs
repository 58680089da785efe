using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Client.Models;
using MemoryFunctions.Http.Contracts;

namespace MemoryFunctions.Client.Tests;

/// <summary>
/// The client keeps its own wire types (a package must not depend on the server's internals), so these fail when the
/// two drift: every field the client sends must be one the server accepts (it refuses unknown fields with a 400), and
/// every field the client reads must be one the server writes. Fields the client leaves out are listed, deliberately.
/// </summary>
public sealed class ContractAgreementTests
{
    public static TheoryData<Type, Type> Requests => new()
    {
        { typeof(NewMemory), typeof(CreateMemoryRequest) },
        { typeof(MemoryPatch), typeof(UpdateMemoryRequest) },
        { typeof(SearchQuery), typeof(SearchMemoriesRequest) },
        { typeof(ContextQuery), typeof(BuildContextRequest) },
        { typeof(MessageBatch), typeof(SubmitMessagesRequest) },
        { typeof(ConversationMessage), typeof(Http.EventGrid.ConversationEventMessage) },
    };

    public static TheoryData<Type, Type> Responses => new()
    {
        { typeof(Memory), typeof(MemoryResponse) },
        { typeof(SearchResult), typeof(SearchResultResponse) },
        { typeof(ScoreExplanation), typeof(Core.Search.ScoreExplanation) },
        { typeof(MemoryContext), typeof(ContextResponse) },
        { typeof(MemoryOperation), typeof(OperationResponse) },
        { typeof(OperationDecision), typeof(Core.Operations.AppliedDecision) },
        { typeof(OperationProgress), typeof(Core.Operations.OperationProgress) },
        { typeof(OperationError), typeof(Core.Operations.OperationError) },
        { typeof(TokenUsage), typeof(Core.Operations.TokenUsage) },
        { typeof(HistoryEvent), typeof(HistoryEventResponse) },
        { typeof(MemoryHistory), typeof(MemoryHistoryResponse) },
        { typeof(UserExport), typeof(UserExportResponse) },
        { typeof(UserErasure), typeof(UserErasureResponse) },
        { typeof(OperationErasure), typeof(OperationErasureResponse) },
        { typeof(HealthStatus), typeof(HealthResponse) },
        { typeof(Models.ImportReport), typeof(Http.Contracts.ImportReport) },
        { typeof(Models.ImportLineError), typeof(Http.Contracts.ImportLineError) },
    };

    /// <summary>Server fields the client does not read: internal bookkeeping, or the request an operation echoes.</summary>
    private static readonly string[] NotRead = ["contentHash", "messageIds", "request", "totalTokens"];

    [Theory]
    [MemberData(nameof(Requests))]
    public void RequestFields_ClientSends_AreAllAcceptedByTheServer(Type client, Type server)
    {
        var unknown = WireNames(client).Except(WireNames(server)).ToList();

        Assert.True(unknown.Count == 0, $"{client.Name} sends fields {server.Name} refuses: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void ResponseFields_ServerWrites_AreAllReadByTheClient(Type client, Type server)
    {
        var unread = WireNames(server).Except(WireNames(client)).Except(NotRead).ToList();
        var invented = WireNames(client).Except(WireNames(server)).ToList();

        Assert.True(unread.Count == 0, $"{client.Name} misses {server.Name} fields: {string.Join(", ", unread)}");
        Assert.True(invented.Count == 0, $"{client.Name} reads fields {server.Name} never writes: {string.Join(", ", invented)}");
    }

    private static IEnumerable<string> WireNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod?.IsPublic == true && (p.SetMethod is not null || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)))))
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name));
}
