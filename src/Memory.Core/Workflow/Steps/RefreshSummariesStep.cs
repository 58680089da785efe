using System.Globalization;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Folds the request's turns into the session summary (when the request names a session) and the applied changes
/// into the user profile. Each is refreshed through <see cref="ISummarizer"/> when due (first time, or once enough
/// lines are pending); otherwise the new lines are buffered on the record, so nothing is lost between refreshes.
/// </summary>
public sealed class RefreshSummariesStep(
    IMemoryStore store,
    IOperationStore operations,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ISummarizer summarizer,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<RefreshSummariesStep> logger)
    : IWorkflowStep<SummarizeInput, SummarizeOutput>
{
    private const string PendingCountMetadataKey = "pendingCount";

    public async Task<SummarizeOutput> RunAsync(SummarizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await RefreshBothAsync(input, cancellationToken);
        }
        catch (PartitionErasedException)
        {
            Log.OperationNotActive(logger, input.OperationId, OperationStatus.Cancelled, WorkflowStepNames.RefreshSummaries);
            return new SummarizeOutput(false, false, TokenUsage.None);
        }
    }

    /// <summary>
    /// Both folds at once: they write different records, so their vectors can share one inference and their writes one
    /// group commit (on the embedded store a one-turn ingestion under another tenant's flood waits for the flood's
    /// current commit once per sequential write: docs/performance.md, "Fairness between tenants").
    /// </summary>
    private async Task<SummarizeOutput> RefreshBothAsync(SummarizeInput input, CancellationToken cancellationToken)
    {
        var request = await operations.ReadRequestAsync(input.Partition, input.OperationId, cancellationToken);
        var session = SessionFoldAsync(input, request, cancellationToken);
        var profile = new RollingTarget(MemoryIds.ForProfile(input.Partition), MemoryKind.Profile, SummarySubject.Profile, null, options.Value.ProfileEveryFacts, options.Value.ProfileMaxTokens, HeldFrom: null, TimeToLive: null);
        var folds = await Task.WhenAll(session, FoldAsync(input, profile, input.ProfileChanges, cancellationToken));
        return new SummarizeOutput(folds[0].Refreshed, folds[1].Refreshed, folds[0].Usage + folds[1].Usage);
    }

    /// <summary>
    /// The session summary quotes turns (and buffers them verbatim until its next refresh), so it is one more copy of them:
    /// none is made when turns are not kept, and it expires with the turns it folds (docs/ingestion.md, "Every copy").
    /// </summary>
    private Task<(bool Refreshed, TokenUsage Usage)> SessionFoldAsync(SummarizeInput input, IngestionRequest request, CancellationToken cancellationToken)
    {
        if (request.SessionId is not { } sessionId || !options.Value.KeepTurns)
        {
            return Task.FromResult((false, TokenUsage.None));
        }

        var said = request.Messages
            .Where(message => message.Role is MessageRole.User or MessageRole.Assistant && !string.IsNullOrWhiteSpace(message.Content))
            .ToList();
        // Lines name who said them (the speaker, else the role); the summary is dated by when its session was held.
        var turns = said.Select(message => $"{message.Speaker ?? message.Role.ToString()}: {message.Content.Trim()}").ToList();
        var heldFrom = said.Count == 0 ? (DateTimeOffset?)null : said.Min(message => message.Timestamp);
        var target = new RollingTarget(MemoryIds.ForSessionSummary(input.Partition, sessionId), MemoryKind.Summary, SummarySubject.Session, sessionId, options.Value.SessionSummaryEveryTurns, options.Value.SessionSummaryMaxTokens, heldFrom, options.Value.TurnTimeToLive);
        return FoldAsync(input, target, turns, cancellationToken);
    }

    private async Task<(bool Refreshed, TokenUsage Usage)> FoldAsync(SummarizeInput input, RollingTarget target, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return (false, TokenUsage.None);
        }

        var usage = TokenUsage.None;
        for (var attempt = 1; attempt <= IngestionConventions.MaxWriteAttempts; attempt++)
        {
            var stored = await store.GetAsync(input.Partition, target.Id, cancellationToken);
            if (stored is not null && stored.Metadata.TryGetValue(IngestionConventions.OperationMetadataKey, out var folded) && folded.Text == input.OperationId)
            {
                Log.SummaryFolded(logger, input.OperationId, target.Subject, "already folded", 0);
                return (false, usage);
            }

            // An expired summary is overwritten, never folded into the new one: what it quoted has expired with it.
            var now = timeProvider.GetUtcNow();
            var current = stored is not null && (stored.ExpiresAt is null || stored.ExpiresAt > now) ? stored : null;
            List<string> pending = [.. Pending(current), .. lines];
            var due = current is null || pending.Count >= target.Every;
            var text = current?.Text ?? string.Empty;
            if (due)
            {
                var summary = await summarizer.SummarizeAsync(new SummaryRequest(target.Subject, current?.Text, pending, target.MaxTokens), cancellationToken);
                StepTelemetry.RecordTokens(summary.Usage, WorkflowStepNames.RefreshSummaries);
                usage += summary.Usage;
                text = summary.Text;
                pending = [];
            }

            // The vector is made again only once the text has drifted materially from the one it was made from (SummaryVectorDrift).
            var drift = current is null ? double.PositiveInfinity : SummaryVectorDrift.Of(current) + SummaryVectorDrift.Between(current.Text, text);
            var keepsVector = current is { Embedding.Length: > 0 } && drift < options.Value.SummaryReembedDrift;
            var embedding = keepsVector
                ? current!.Embedding
                : (await embedder.GenerateVectorAsync(text.Length == 0 ? " " : text, cancellationToken: cancellationToken)).ToArray();
            var record = Rolling(input, target, current, text, embedding, keepsVector ? drift : 0, pending, now);
            // The session summary's refreshes are recorded without its text, which is a copy of turns: quoted in history, it
            // would outlive their retention (the record itself expires with them). The profile is built from facts.
            var quoted = target.Subject == SummarySubject.Profile;
            var history = HistoryEvents.For(record, current is null ? HistoryOperation.Add : HistoryOperation.Update, quoted ? current?.Text : null, quoted ? text : null, now, IngestionConventions.Actor, input.OperationId);
            var fence = MemoryWriteOptions.InEpoch(input.Epoch);
            var result = PartitionErasedException.ThrowIfErased(stored is null
                ? await store.AddAsync(input.Partition, record, history, fence, cancellationToken)
                : await store.ReplaceAsync(input.Partition, record, stored.ETag, history, fence, cancellationToken));
            if (result.Status is WriteStatus.Written)
            {
                Log.SummaryFolded(logger, input.OperationId, target.Subject, due ? "refreshed" : "buffered", pending.Count);
                return (due, usage);
            }

            Log.WriteConflict(logger, input.OperationId, target.Id, attempt);
        }

        throw new TimeoutException($"Summary {target.Id} kept changing during {IngestionConventions.MaxWriteAttempts} attempts to write it.");
    }

    private static string[] Pending(MemoryRecord? current) =>
        current is not null && current.Metadata.TryGetValue(IngestionConventions.PendingMetadataKey, out var pending) && !string.IsNullOrEmpty(pending.Text)
            ? pending.Text.Split('\n')
            : [];

    private static MemoryRecord Rolling(SummarizeInput input, RollingTarget target, MemoryRecord? current, string text, float[] embedding, double drift, List<string> pending, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, MetadataValue>(StringComparer.Ordinal)
        {
            [IngestionConventions.OperationMetadataKey] = MetadataValue.FromString(input.OperationId),
            [IngestionConventions.PendingMetadataKey] = MetadataValue.FromString(string.Join('\n', pending.Select(line => line.ReplaceLineEndings(" ")))),
            [PendingCountMetadataKey] = MetadataValue.FromNumber(pending.Count),
            [SummaryVectorDrift.MetadataKey] = SummaryVectorDrift.ToMetadata(drift),
        };
        var draft = new MemoryDraft
        {
            Text = text,
            Kind = target.Kind,
            SessionId = target.SessionId,
            Metadata = metadata,
            Tags = [target.Kind.ToString().ToLower(CultureInfo.InvariantCulture)],
            Source = MemorySource.System,
            Importance = 1.0,
            Provenance = new Provenance(input.OperationId, []),
            ValidFrom = EventTime(current, target.HeldFrom, now),
            ExpiresAt = now + target.TimeToLive,
        };
        return MemoryRecords.Create(input.Partition, draft, embedding, now, target.Id) with { CreatedAt = current?.CreatedAt ?? now };
    }

    /// <summary>A session summary holds from the earliest turn of its session seen so far; the profile from when it was first written.</summary>
    private static DateTimeOffset EventTime(MemoryRecord? current, DateTimeOffset? heldFrom, DateTimeOffset now) => heldFrom is { } held
        ? MemoryRecords.NotAfter(current is null || held < current.ValidFrom ? held : current.ValidFrom, now)
        : current?.ValidFrom ?? now;

    /// <param name="TimeToLive">How long the record lives after each write (the session summary: as long as the turns it folds); null: until erased.</param>
    private sealed record RollingTarget(string Id, MemoryKind Kind, SummarySubject Subject, string? SessionId, int Every, int MaxTokens, DateTimeOffset? HeldFrom, TimeSpan? TimeToLive);
}
