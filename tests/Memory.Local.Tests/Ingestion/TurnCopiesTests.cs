using System.Text.Json;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Tests.Storage;
using MemoryFunctions.Local.Tests.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>
/// Issue 25, symptom 3: every copy of a turn's text (docs/ingestion.md, "Every copy of a turn's text"), walked for each
/// retention setting through the real workflow and the export a read-role key gets. The marker word is in an assistant
/// turn only, which the rule-based extractor makes no fact of, so any place it shows up is a copy of the turn.
/// </summary>
public sealed class TurnCopiesTests
{
    private const string Marker = "zebra";
    private static readonly MemoryPartition Partition = RunnerHarness.Partition;

    public static TheoryData<string, IngestionOptions, int, string[]> Settings => new()
    {
        { "defaults", new IngestionOptions(), 0, ["history", "turn memories"] },
        { "KeepTurns=false", new IngestionOptions { KeepTurns = false }, 0, [] },
        { "TurnTimeToLive passed", new IngestionOptions { TurnTimeToLive = TimeSpan.FromDays(30) }, 31, [] },
        { "TurnTimeToLive not yet passed", new IngestionOptions { TurnTimeToLive = TimeSpan.FromDays(30) }, 29, ["history", "turn memories"] },
        { "KeepFinishedRequests", new IngestionOptions { KeepFinishedRequests = true }, 0, ["history", "operation request", "turn memories"] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task EveryCopyOfATurn_FollowsTheRetentionSetting(string setting, IngestionOptions options, int daysLater, string[] expectedCopies)
    {
        await using var harness = new RunnerHarness(options);
        await IngestAndCheckCopiesAsync(harness, setting, daysLater, expectedCopies);
    }

    /// <summary>
    /// The same on the embedded store, and then its files: after a compaction, a decoded entry of the snapshot or the log
    /// holds the marker only where a listed copy does (the files are encrypted, so they are read through the codec, not
    /// grepped). An expired turn, its history and a finished operation's request leave the files at compaction.
    /// </summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public async Task EveryCopyOfATurn_OnTheEmbeddedStoreAndInItsFiles_FollowsTheRetentionSetting(string setting, IngestionOptions options, int daysLater, string[] expectedCopies)
    {
        using var directory = new TempDirectory();
        var clock = new ImmediateTimeProvider(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory.Path }, new AuditOptions(), clock))
        {
            await using var harness = new RunnerHarness(new LocalMemoryStore(engine), new LocalOperationStore(engine), clock, options);
            await IngestAndCheckCopiesAsync(harness, setting, daysLater, expectedCopies);
            await engine.CompactAsync();
        }

        var inFiles = CopiesInTheFiles(directory.Path);
        if (expectedCopies.Length > 0)
        {
            inFiles.Remove("session summary");
        }

        Assert.True(expectedCopies.SequenceEqual(inFiles), $"{setting}: the files hold the marker in {string.Join(", ", inFiles)}");
    }

    private static async Task IngestAndCheckCopiesAsync(RunnerHarness harness, string setting, int daysLater, string[] expectedCopies)
    {
        await harness.StartAsync();
        var service = new MemoryService(harness.Memories, harness.OperationStore, new FakeEmbeddingGenerator(), new HybridRanker(Options.Create(new RankingOptions()), harness.Clock), harness.Clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(harness.Clock));

        await IngestAsync(harness, (MessageRole.User, "I painted a lake."), (MessageRole.Assistant, $"Lovely, is that the {Marker} lake?"));
        harness.Clock.Advance(TimeSpan.FromDays(daysLater));
        // A later session turn refreshes the summary: an expired summary must not be folded into the new one.
        await IngestAsync(harness, (MessageRole.User, "I like tea."), (MessageRole.Assistant, "Green or black?"));

        var export = await service.ExportAsync(Partition);
        var found = CopiesHoldingTheMarker(export);
        // Where turns are kept, whether the extractive summary quotes this one is the summariser's choice; where they are
        // not (or have expired), the summary must not hold it either.
        if (expectedCopies.Length > 0)
        {
            found.Remove("session summary");
        }

        Assert.True(expectedCopies.SequenceEqual(found), $"{setting}: the marker is in {string.Join(", ", found)}");
        // Nothing outside the listed copies: the export as JSON holds the marker only if a listed copy does.
        Assert.Equal(expectedCopies.Length > 0, JsonSerializer.Serialize(export).Contains(Marker, StringComparison.OrdinalIgnoreCase));
        foreach (var turn in (await harness.Memories.ListAsync(Partition, new() { At = harness.Clock.GetUtcNow().AddYears(-10), Kinds = [MemoryKind.Turn] }, 100, null)).Items)
        {
            Assert.Equal(expectedCopies.Contains("turn memories") || !turn.Text.Contains(Marker, StringComparison.Ordinal), (await service.GetHistoryAsync(Partition, turn.Id)).Count > 0);
        }
    }

    /// <summary>
    /// A model's reason is one more copy: it may quote what the model was shown. A model that quotes the turns in the reason
    /// for a NOOP naming no memory: the reason leaves with that fact when the operation finishes, unless KeepFinishedRequests.
    /// </summary>
    [Theory]
    [InlineData(false, new string[0])]
    [InlineData(true, new[] { "operation decisions" })]
    public async Task ModelReason_QuotingTheTurnsForAFactNoMemoryHolds_KeptOnlyWithTheFinishedRequest(bool keepFinishedRequests, string[] expectedCopies)
    {
        var quoting = new FakeMemoryReconciler
        {
            Decide = facts => [.. facts.Select((_, i) => new ReconciliationDecision(i, MemoryAction.Noop, Reason: $"the user said \"is that the {Marker} lake?\"") { ReasonWrittenByModel = true })],
        };
        await using var harness = new RunnerHarness(new IngestionOptions { KeepTurns = false, KeepFinishedRequests = keepFinishedRequests }, quoting);
        await harness.StartAsync();
        var service = new MemoryService(harness.Memories, harness.OperationStore, new FakeEmbeddingGenerator(), new HybridRanker(Options.Create(new RankingOptions()), harness.Clock), harness.Clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(harness.Clock));

        await IngestAsync(harness, (MessageRole.User, "I like tea."), (MessageRole.Assistant, "Green or black?"));

        var export = await service.ExportAsync(Partition);
        Assert.NotEmpty(export.Operations.Single().Decisions);
        Assert.Equal(expectedCopies, CopiesHoldingTheMarker(export));
    }

    private static SortedSet<string> CopiesHoldingTheMarker(UserExport export)
    {
        var copies = new SortedSet<string>(StringComparer.Ordinal);
        Check("turn memories", export.Memories.Where(memory => memory.Kind == MemoryKind.Turn).Select(memory => memory.Text));
        Check("session summary", export.Memories.Where(memory => memory.Kind == MemoryKind.Summary).SelectMany(memory => memory.Metadata.Values.Select(value => value.Text).Append(memory.Text)));
        Check("profile", export.Memories.Where(memory => memory.Kind == MemoryKind.Profile).SelectMany(memory => memory.Metadata.Values.Select(value => value.Text).Append(memory.Text)));
        Check("facts", export.Memories.Where(memory => memory.Kind is not (MemoryKind.Turn or MemoryKind.Summary or MemoryKind.Profile)).Select(memory => memory.Text));
        Check("history", export.History.SelectMany(change => new[] { change.Before, change.After, change.Reason }));
        Check("operation request", export.Operations.SelectMany(operation => operation.Request.Messages.Select(message => message.Content)));
        Check("operation decisions", export.Operations.SelectMany(operation => operation.Decisions.SelectMany(decision => new[] { decision.Fact, decision.Reason })));
        return copies;

        void Check(string copy, IEnumerable<string?> texts)
        {
            if (texts.Any(text => text?.Contains(Marker, StringComparison.OrdinalIgnoreCase) == true))
            {
                copies.Add(copy);
            }
        }
    }

    /// <summary>The copies (named as in <see cref="CopiesHoldingTheMarker"/>) that an entry of the store's files holds the marker in.</summary>
    private static SortedSet<string> CopiesInTheFiles(string directory)
    {
        var copies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in StoreFiles.Entries(directory, whole: true))
        {
            switch (entry)
            {
                case MemoryFunctions.Local.Storage.MemoryPutEntry put:
                    Check(put.Memory.Kind switch { MemoryKind.Turn => "turn memories", MemoryKind.Summary => "session summary", MemoryKind.Profile => "profile", _ => "facts" }, put.Memory);
                    Check("history", put.History);
                    break;
                case MemoryFunctions.Local.Storage.MemoryDeleteEntry delete:
                    Check("history", delete.History);
                    break;
                case MemoryFunctions.Local.Storage.HistoryEntry history:
                    Check("history", history.History);
                    break;
                case MemoryFunctions.Local.Storage.OperationPutEntry put:
                    Check("operation request", put.Operation.Request);
                    Check("operation decisions", put.Operation.Decisions);
                    Check("other", put.Operation with { Request = put.Operation.Request with { Messages = [] }, Decisions = [] });
                    break;
                default:
                    Check("other", entry);
                    break;
            }
        }

        return copies;

        void Check(string copy, object? value)
        {
            if (value is not null && JsonSerializer.Serialize(value, value.GetType()).Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                copies.Add(copy);
            }
        }
    }

    private static async Task IngestAsync(RunnerHarness harness, params (MessageRole Role, string Text)[] turns)
    {
        var now = harness.Clock.GetUtcNow();
        var request = new IngestionRequest([.. turns.Select((turn, i) => new ConversationMessage($"m{now.Ticks}-{i}", turn.Role, turn.Text, now))], SessionId: "s1");
        var submission = await harness.Service.SubmitAsync(Partition, request, idempotencyKey: null);
        Assert.Equal(OperationStatus.Succeeded, (await harness.WaitAsync(submission.Operation.Id)).Status);
    }
}
