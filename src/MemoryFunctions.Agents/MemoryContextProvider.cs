using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Client;
using MemoryFunctions.Client.Models;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Agents;

/// <summary>
/// Agent Framework context provider over MemoryFunctions. Before each turn it asks <c>/context</c> for what is known about
/// the user that is relevant to the new messages and adds the block as a <em>user-role</em> message: it is fenced as
/// untrusted data by the server and must never gain the authority of system instructions. After the turn it submits
/// the new messages for ingestion in the background, so the reply is never held up by the memory service; a failure
/// there is logged, never thrown into the conversation. <see cref="WhenIngestedAsync"/> waits for what was submitted.
/// </summary>
public sealed class MemoryContextProvider : MessageAIContextProvider
{
    private readonly MemoryClient _client;
    private readonly ProviderSessionState<MemoryScope> _sessions;
    private readonly MemoryContextProviderOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Task<Submitted?>, byte> _submissions = new();

    /// <param name="scope">The scope of a new agent session, e.g. <c>_ =&gt; new MemoryScope(signedInUserId)</c>; kept in the session's state bag.</param>
    public MemoryContextProvider(
        MemoryClient client, Func<AgentSession?, MemoryScope> scope, MemoryContextProviderOptions? options = null, ILogger<MemoryContextProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scope);
        _client = client;
        _options = options ?? new();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _sessions = new(session => scope(session) is { } s ? s with { SessionId = s.SessionId ?? "s-" + Guid.NewGuid().ToString("N") } : throw new InvalidOperationException("The scope must name a user."), nameof(MemoryContextProvider), null);
    }

    public override IReadOnlyList<string> StateKeys => [_sessions.StateKey];

    /// <summary>The scope a session uses (its user and generated session id).</summary>
    public MemoryScope ScopeOf(AgentSession session) => _sessions.GetOrInitializeState(session);

    /// <summary>Waits for every submitted turn to be accepted and ingested; returns the finished operations (for tests and shutdown).</summary>
    public async Task<IReadOnlyList<OperationOutcome>> WhenIngestedAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<OperationOutcome>();
        foreach (var submission in _submissions.Keys.ToList())
        {
            if (await submission is { } submitted)
            {
                outcomes.Add(await _client.WaitForOperationAsync(submitted.UserId, submitted.OperationId, cancellationToken: cancellationToken));
            }

            _submissions.TryRemove(submission, out _);
        }

        return outcomes;
    }

    protected override async ValueTask<IEnumerable<ChatMessage>> ProvideMessagesAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = string.Join('\n', context.RequestMessages.Select(m => m.Text).Where(text => !string.IsNullOrWhiteSpace(text)));
        if (query.Length == 0)
        {
            return [];
        }

        var scope = _sessions.GetOrInitializeState(context.Session);
        try
        {
            // No session filter: what the user said in earlier conversations is exactly what this turn should recall.
            var recalled = await _client.GetContextAsync(scope.UserId, new ContextQuery(query) { MaxTokens = _options.MaxContextTokens }, cancellationToken);
            Log.Recalled(_logger, recalled.Memories.Count, recalled.EstimatedTokens);
            return recalled.Memories.Count == 0 ? [] : [new ChatMessage(ChatRole.User, recalled.Context)];
        }
        catch (Exception ex) when (ex is MemoryApiException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.RecallFailed(_logger, ex);
            return [];
        }
    }

    protected override ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = context.RequestMessages.Where(m => m.Role == ChatRole.User)
            .Concat(_options.IncludeAssistantReplies ? (context.ResponseMessages ?? []).Where(m => m.Role == ChatRole.Assistant) : [])
            .Where(m => !string.IsNullOrWhiteSpace(m.Text))
            .Select(m => new ConversationMessage(m.Role == ChatRole.User ? "user" : "assistant", m.Text))
            .ToList();
        if (messages.Count > 0)
        {
            var scope = _sessions.GetOrInitializeState(context.Session);

            // Not awaited: the reply goes out now. The run's token is not passed on, since the run is over by then.
            var submission = SubmitAsync(scope, messages);
            _submissions.TryAdd(submission, 0);
        }

        return ValueTask.CompletedTask;
    }

    private async Task<Submitted?> SubmitAsync(MemoryScope scope, IReadOnlyList<ConversationMessage> messages)
    {
        await Task.Yield();
        try
        {
            // The same turn submitted twice (a retried run) maps to the same key, so it is ingested once.
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope.SessionId + "\n" + string.Join("\n", messages.Select(m => m.Role + ":" + m.Content)))))[..32];
            var operation = await _client.SubmitMessagesAsync(
                scope.UserId, new MessageBatch(messages) { SessionId = scope.SessionId, AgentId = scope.AgentId }, key);
            return new(scope.UserId, operation.Id);
        }
        catch (Exception ex) when (ex is MemoryApiException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            Log.IngestFailed(_logger, ex);
            return null;
        }
    }

    private sealed record Submitted(string UserId, string OperationId);
}
