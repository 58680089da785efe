using System.Globalization;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Workflow;

public sealed partial class IngestionSteps
{
    /// <summary>Metadata of a rolling summary: lines waiting for the next refresh, one per line.</summary>
    public const string PendingMetadataKey = "pending";

    /// <summary>Metadata of a rolling summary: the last operation folded into it, which makes a re-run a no-op.</summary>
    public const string OperationMetadataKey = "operationId";

    private const string PendingCountMetadataKey = "pendingCount";

    /// <summary>
    /// Folds the request's turns into the session summary (when the request names a session) and the applied changes
    /// into the user profile. Each is refreshed through <see cref="ISummarizer"/> when due (first time, or once enough
    /// lines are pending); otherwise the new lines are buffered on the record, so nothing is lost between refreshes.
    /// </summary>
    public async Task<SummarizeOutput> RefreshSummariesAsync(SummarizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await RefreshBothAsync(input, cancellationToken);
        }
        catch (PartitionErasedException)
        {
            Log.OperationNotActive(logger, input.OperationId, OperationStatus.Cancelled, WorkflowSteps.RefreshSummaries);
            return new SummarizeOutput(false, false, TokenUsage.None);
        }
    }

    private async Task<SummarizeOutput> RefreshBothAsync(SummarizeInput input, CancellationToken cancellationToken)
    {
        var usage = TokenUsage.None;
        var sessionRefreshed = false;
        if (input.Request.SessionId is { } sessionId)
        {
            var turns = input.Request.Messages
                .Where(message => message.Role is MessageRole.User or MessageRole.Assistant && !string.IsNullOrWhiteSpace(message.Content))
                .Select(message => $"{message.Role}: {message.Content.Trim()}")
                .ToList();
            var target = new RollingTarget(MemoryIds.ForSessionSummary(input.Partition, sessionId), MemoryKind.Summary, SummarySubject.Session, sessionId, _options.SessionSummaryEveryTurns, _options.SessionSummaryMaxTokens);
            (sessionRefreshed, var spent) = await FoldAsync(input, target, turns, cancellationToken);
            usage += spent;
        }

        var profile = new RollingTarget(MemoryIds.ForProfile(input.Partition), MemoryKind.Profile, SummarySubject.Profile, null, _options.ProfileEveryFacts, _options.ProfileMaxTokens);
        var (profileRefreshed, profileSpent) = await FoldAsync(input, profile, input.ProfileChanges, cancellationToken);
        return new SummarizeOutput(sessionRefreshed, profileRefreshed, usage + profileSpent);
    }

    private async Task<(bool Refreshed, TokenUsage Usage)> FoldAsync(SummarizeInput input, RollingTarget target, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return (false, TokenUsage.None);
        }

        var usage = TokenUsage.None;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await store.GetAsync(input.Partition, target.Id, cancellationToken);
            if (current is not null && current.Metadata.TryGetValue(OperationMetadataKey, out var folded) && folded.Text == input.OperationId)
            {
                Log.SummaryFolded(logger, input.OperationId, target.Subject, "already folded", 0);
                return (false, usage);
            }

            List<string> pending = [.. Pending(current), .. lines];
            var due = current is null || pending.Count >= target.Every;
            var text = current?.Text ?? string.Empty;
            if (due)
            {
                var summary = await summarizer.SummarizeAsync(new SummaryRequest(target.Subject, current?.Text, pending, target.MaxTokens), cancellationToken);
                RecordTokens(summary.Usage, WorkflowSteps.RefreshSummaries);
                usage += summary.Usage;
                text = summary.Text;
                pending = [];
            }

            var now = timeProvider.GetUtcNow();
            var embedding = current is not null && current.Text == text
                ? current.Embedding
                : (await embedder.GenerateVectorAsync(text.Length == 0 ? " " : text, cancellationToken: cancellationToken)).ToArray();
            var record = Rolling(input, target, current, text, embedding, pending, now);
            var history = HistoryEvents.For(record, current is null ? HistoryOperation.Add : HistoryOperation.Update, current?.Text, text, now, Actor, input.OperationId);
            var fence = MemoryWriteOptions.InEpoch(input.Epoch);
            var result = Fenced(current is null
                ? await store.AddAsync(input.Partition, record, history, fence, cancellationToken)
                : await store.ReplaceAsync(input.Partition, record, current.ETag, history, fence, cancellationToken));
            if (result.Status is WriteStatus.Written)
            {
                Log.SummaryFolded(logger, input.OperationId, target.Subject, due ? "refreshed" : "buffered", pending.Count);
                return (due, usage);
            }

            Log.WriteConflict(logger, input.OperationId, target.Id, attempt);
        }

        throw new TimeoutException($"Summary {target.Id} kept changing during {MaxWriteAttempts} attempts to write it.");
    }

    private static string[] Pending(MemoryRecord? current) =>
        current is not null && current.Metadata.TryGetValue(PendingMetadataKey, out var pending) && !string.IsNullOrEmpty(pending.Text)
            ? pending.Text.Split('\n')
            : [];

    private static MemoryRecord Rolling(SummarizeInput input, RollingTarget target, MemoryRecord? current, string text, float[] embedding, List<string> pending, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, MetadataValue>(StringComparer.Ordinal)
        {
            [OperationMetadataKey] = MetadataValue.FromString(input.OperationId),
            [PendingMetadataKey] = MetadataValue.FromString(string.Join('\n', pending.Select(line => line.ReplaceLineEndings(" ")))),
            [PendingCountMetadataKey] = MetadataValue.FromNumber(pending.Count),
        };
        return new MemoryRecord
        {
            Id = target.Id,
            TenantId = input.Partition.TenantId,
            UserId = input.Partition.UserId,
            SessionId = target.SessionId,
            Kind = target.Kind,
            Text = text,
            Embedding = embedding,
            Metadata = metadata,
            Source = MemorySource.System,
            Importance = 1.0,
            ContentHash = MemoryIds.ContentHash(text),
            Provenance = new Provenance(input.OperationId, []),
            CreatedAt = current?.CreatedAt ?? now,
            UpdatedAt = now,
            ValidFrom = current?.ValidFrom ?? now,
            Tags = [target.Kind.ToString().ToLower(CultureInfo.InvariantCulture)],
        };
    }

    private sealed record RollingTarget(string Id, MemoryKind Kind, SummarySubject Subject, string? SessionId, int Every, int MaxTokens);
}
