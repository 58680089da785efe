using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Services;

/// <summary>
/// The synchronous memory API used by both hosts: direct writes, reads, search, context, export and erasure of one
/// partition. Embeddings are computed here so that every store receives complete records.
/// </summary>
public sealed class MemoryService(
    IMemoryStore store,
    IOperationStore operations,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    HybridRanker ranker,
    TimeProvider timeProvider,
    ILogger<MemoryService> logger,
    ITokenCounter tokenCounter,
    ConversationParticipants participants)
{
    private const string ApiActor = "api";

    /// <summary>An unconditional patch re-reads and retries on a concurrent write; each round one writer wins, so this covers heavy contention.</summary>
    private const int MaxUnconditionalAttempts = 64;

    public async Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return await AddEmbeddedAsync(partition, draft, await EmbedAsync(draft.Text, cancellationToken), options: null, cancellationToken);
    }

    /// <summary>
    /// Many drafts at once, each written as <see cref="AddAsync"/> would (same id, same answer for a repeat, same revival of
    /// an ended statement): one call to the embedder for all their texts (its batch API), then the writes started side by
    /// side, so a store that commits in groups (the embedded store's log) makes one commit of them rather than one each.
    /// Returns once the embedding is done, with each draft's write still running (in the order of <paramref name="drafts"/>),
    /// so the caller can tell each one's outcome. Every write is fenced with <paramref name="options"/>.
    /// </summary>
    public async Task<Task<MemoryWriteResult>[]> StartBatchAsync(MemoryPartition partition, IReadOnlyList<MemoryDraft> drafts, MemoryWriteOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        var embeddings = await embedder.GenerateAsync(drafts.Select(draft => draft.Text), cancellationToken: cancellationToken);
        return drafts.Select((draft, i) => AddEmbeddedAsync(partition, draft, embeddings[i].Vector.ToArray(), options, cancellationToken)).ToArray();
    }

    private async Task<MemoryWriteResult> AddEmbeddedAsync(MemoryPartition partition, MemoryDraft draft, float[] embedding, MemoryWriteOptions? options, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var memory = MemoryRecords.Create(partition, draft, embedding, now);
        var history = HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, now, ApiActor, memory.Provenance.OperationId);
        var result = await store.AddAsync(partition, memory, history, options, cancellationToken);
        if (result is { Status: WriteStatus.AlreadyExists, Memory: { } existing } && !existing.IsVisibleAt(now, includeSuperseded: false))
        {
            result = await ReviveAsync(partition, existing, memory, now, options, cancellationToken);
        }

        Log.MemoryWritten(logger, partition.TenantId, memory.Id, result.Status);
        return result;
    }

    /// <summary>The statement was stored before and has ended: made current again (<see cref="MemoryRecords.Revive"/>) rather than dropped.</summary>
    private async Task<MemoryWriteResult> ReviveAsync(MemoryPartition partition, MemoryRecord existing, MemoryRecord wanted, DateTimeOffset now, MemoryWriteOptions? options, CancellationToken cancellationToken)
    {
        var revived = MemoryRecords.Revive(existing, wanted);
        var history = HistoryEvents.For(revived, HistoryOperation.Update, existing.Text, revived.Text, now, ApiActor, reason: "stated again after it had ended");
        var result = await store.ReplaceAsync(partition, revived, existing.ETag, history, options, cancellationToken);
        return result.Status == WriteStatus.PreconditionFailed ? new MemoryWriteResult(WriteStatus.AlreadyExists, result.Memory) : result;
    }

    /// <summary>The partition's epoch (<see cref="IMemoryStore.GetEpochAsync"/>): long work fences its writes with it, so an erase stops it.</summary>
    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        store.GetEpochAsync(partition, cancellationToken);

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        store.GetAsync(partition, id, cancellationToken);

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        store.ListAsync(partition, filter, pageSize, continuationToken, cancellationToken);

    /// <summary>
    /// Applies <paramref name="patch"/>. With <paramref name="ifMatch"/> it applies only to that version; without (no
    /// <c>If-Match</c>, or <c>If-Match: *</c>) it applies to whatever version is current, so a concurrent write makes it
    /// read again and retry instead of failing: every unconditional patch lands.
    /// </summary>
    public async Task<MemoryWriteResult> UpdateAsync(MemoryPartition partition, string id, MemoryPatch patch, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        for (var attempt = 1; ; attempt++)
        {
            var result = await UpdateOnceAsync(partition, id, patch, ifMatch, cancellationToken);
            if (ifMatch is not null || result.Status != WriteStatus.PreconditionFailed || attempt == MaxUnconditionalAttempts)
            {
                return result;
            }
        }
    }

    private async Task<MemoryWriteResult> UpdateOnceAsync(MemoryPartition partition, string id, MemoryPatch patch, string? ifMatch, CancellationToken cancellationToken)
    {
        // An expired memory is gone for the API, as on Cosmos DB (its TTL hides it from point reads): a patch of its expiry
        // must not bring back what the embedded store still holds until its next compaction.
        var current = await store.GetAsync(partition, id, cancellationToken);
        if (current is null || HasExpired(current, timeProvider.GetUtcNow()))
        {
            return MemoryWriteResult.NotFound;
        }

        if (ifMatch is not null && !string.Equals(ifMatch, current.ETag, StringComparison.Ordinal))
        {
            return new MemoryWriteResult(WriteStatus.PreconditionFailed, current);
        }

        var now = timeProvider.GetUtcNow();
        var textChanged = patch.Text is not null && !string.Equals(patch.Text, current.Text, StringComparison.Ordinal);
        var updated = current with
        {
            Text = patch.Text ?? current.Text,
            ContentHash = textChanged ? MemoryIds.ContentHash(patch.Text!) : current.ContentHash,
            Embedding = textChanged ? await EmbedAsync(patch.Text!, cancellationToken) : current.Embedding,
            Kind = patch.Kind ?? current.Kind,
            Metadata = patch.Metadata ?? current.Metadata,
            Tags = patch.Tags ?? current.Tags,
            Confidence = patch.Confidence ?? current.Confidence,
            Importance = patch.Importance ?? current.Importance,
            ExpiresAt = patch.ExpiresAt ?? current.ExpiresAt,
            ValidTo = patch.ValidTo ?? current.ValidTo,
            UpdatedAt = now,
        };
        var history = HistoryEvents.For(updated, HistoryOperation.Update, current.Text, updated.Text, now, ApiActor);
        var result = await store.ReplaceAsync(partition, updated, current.ETag, history, cancellationToken: cancellationToken);
        Log.MemoryWritten(logger, partition.TenantId, id, result.Status);
        return result;
    }

    public async Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var current = await store.GetAsync(partition, id, cancellationToken);
        if (current is null || HasExpired(current, timeProvider.GetUtcNow()))
        {
            return MemoryWriteResult.NotFound;
        }

        var now = timeProvider.GetUtcNow();
        var history = HistoryEvents.For(current, HistoryOperation.Delete, current.Text, null, now, ApiActor);
        var result = await store.DeleteAsync(partition, id, ifMatch, history, cancellationToken: cancellationToken);
        if (result.Status == WriteStatus.Written)
        {
            await TurnCopies.ForgetAsync(store, partition, current, now, ApiActor, cancellationToken);
        }

        Log.MemoryWritten(logger, partition.TenantId, id, result.Status);
        return result;
    }

    /// <summary>A memory's history, none once the memory has expired: its events quote the text retention ended.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        await store.GetAsync(partition, id, cancellationToken) is { } memory && HasExpired(memory, timeProvider.GetUtcNow())
            ? []
            : await store.GetHistoryAsync(partition, id, cancellationToken);

    /// <summary>
    /// Hybrid search: embed, store candidates, rank (with the query's speaker and time focus), then say what each result
    /// is (<see cref="MemoryStanding"/>). Ended statements are read with the candidates even when not asked for, so a
    /// turn that only restates one can be kept below the statement that replaced it; they are returned only when asked for.
    /// </summary>
    public async Task<IReadOnlyList<RankedMemory>> SearchAsync(MemoryPartition partition, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = MemoryTelemetry.ActivitySource.StartActivity("memory.search");
        var started = timeProvider.GetTimestamp();
        var candidateCount = request.TopK * ranker.CandidateMultiplier;
        // Summaries and profiles restate many facts at once and would crowd them out; /context adds them on its own.
        var filter = request.Filter.Kinds is { Count: > 0 } ? request.Filter : request.Filter with { Kinds = MemoryKinds.Searchable };
        // The times a query names are matched by event time (QueryFocus), not as words: "February 2023" would otherwise
        // reward every turn whose resolved dates say it, whatever it is about.
        var words = NamedTimes.Without(request.Query, request.Filter.At);
        var (candidates, focus) = await CandidatesAsync(partition, request, words, filter with { IncludeSuperseded = true }, candidateCount, cancellationToken);
        var wanted = filter.IncludeSuperseded ? candidates : candidates.Where(c => filter.Matches(c.Memory)).ToList();
        var ranked = ranker.Rank(wanted, request.TopK, request.MinScore, focus, request.OneOfEachText);
        var results = await SearchStandings.ApplyAsync(store, partition, ranked, candidates, request with { Filter = filter }, cancellationToken);
        MemoryTelemetry.SearchDuration.Record(timeProvider.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("memory.search.candidates", candidates.Count);
        activity?.SetTag("memory.search.results", results.Count);
        return results;
    }

    /// <summary>
    /// The store's candidates for a search and the query's focus. A query that names a person is embedded near every short
    /// turn that says the name ("Maya, well done!"), and as a word the name matches every fact that says it, so a query
    /// naming a participant is asked without the name (<see cref="QueryFocus.WithoutPeople"/>, <see cref="QueryFocus.WithoutSpeakers"/>):
    /// the name selects whose memories count instead. Who the participants are is learnt from a first search with the name;
    /// once this user's participants have been seen (<see cref="ConversationParticipants"/>), the query is asked without
    /// the name at once, and the candidates confirm it (else the long way): one embedding and store search, as for any query.
    /// </summary>
    private async Task<(IReadOnlyList<SearchCandidate> Candidates, QueryFocus Focus)> CandidatesAsync(
        MemoryPartition partition, SearchRequest request, string words, MemoryFilter filter, int count, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<SearchCandidate>> AskAsync(string embedded, string text) =>
            await store.SearchAsync(partition, new MemorySearchQuery(await EmbedAsync(embedded, cancellationToken), text, filter, count) { WithVectors = request.IncludeEmbedding }, cancellationToken);

        async Task<IReadOnlyList<SearchCandidate>?> WithoutNamesAsync(QueryFocus focus) =>
            focus.WithoutPeople(request.Query) is { } about ? await AskAsync(about, focus.WithoutSpeakers(words) ?? words) : null;

        var hint = new QueryFocus(participants.NamedIn(partition, request.Query), [], []);
        if (hint.People.Count > 0 && await WithoutNamesAsync(hint) is { } hinted)
        {
            var confirmed = QueryFocus.Of(request.Query, hinted, request.Filter.At);
            if (confirmed.AsksAs(hint, request.Query, words))
            {
                participants.Saw(partition, hinted);
                return (hinted, confirmed);
            }
        }

        var candidates = await AskAsync(request.Query, words);
        participants.Saw(partition, candidates);
        var focus = QueryFocus.Of(request.Query, candidates, request.Filter.At);
        return (await WithoutNamesAsync(focus) ?? candidates, focus);
    }

    /// <summary>
    /// A prompt-ready block for <see cref="ContextRequest.Query"/>: the ranked memories and what they draw on
    /// (<see cref="ContextEvidenceReader"/>), built by <see cref="ContextBuilder"/> within the budget.
    /// </summary>
    public async Task<ContextBlock> BuildContextAsync(MemoryPartition partition, ContextRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranked = await SearchAsync(partition, new SearchRequest(request.Query, request.Filter, request.MaxMemories) { OneOfEachText = true }, cancellationToken);
        var memories = ranked.Where(result => result.Memory.Kind is not (MemoryKind.Profile or MemoryKind.Summary)).ToList();
        var evidence = await ContextEvidenceReader.ReadAsync(store, partition, request, memories, cancellationToken);
        return ContextBuilder.Build(evidence, request.MaxTokens, tokenCounter);
    }

    public async Task<UserExport> ExportAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        // Expired memories (turns past Memory:Ingestion:TurnTimeToLive, their session summaries, an API expiresAt) and their
        // history are left out: retention ended for them, even where a store still holds the bytes until erase or its TTL.
        var now = timeProvider.GetUtcNow();
        var all = await ToListAsync(store.ExportMemoriesAsync(partition, cancellationToken), cancellationToken);
        var expired = all.Where(memory => HasExpired(memory, now)).Select(memory => memory.Id).ToHashSet(StringComparer.Ordinal);
        // In list order, whatever order the store reads them in: same-time turns come out in their posted order (reversed, newest first).
        var memories = all.Where(memory => !expired.Contains(memory.Id)).Order(ListOrder.Comparer).ToList();
        var history = (await ToListAsync(store.ExportHistoryAsync(partition, cancellationToken), cancellationToken)).Where(change => !expired.Contains(change.MemoryId)).ToList();
        var operationRecords = await ToListAsync(operations.ExportAsync(partition, cancellationToken), cancellationToken);
        return new UserExport(partition.TenantId, partition.UserId, now, memories, history, operationRecords);
    }

    private static bool HasExpired(MemoryRecord memory, DateTimeOffset now) => memory.ExpiresAt <= now;

    private async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        using var timing = RequestTimings.Measure(RequestPhase.Embedding);
        var embedding = await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken);
        return embedding.ToArray();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
