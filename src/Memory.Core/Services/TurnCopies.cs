using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Services;

/// <summary>
/// A kept turn's words live on in the next turn's <see cref="MemoryRecord.PrecedingText"/>: when the turn is deleted,
/// they are removed there too, so deleted words do not come back through search. The next turns are found among the
/// session's turns (a few pages); a copy changed concurrently is read again, a bounded number of times.
/// </summary>
internal static class TurnCopies
{
    private const int PageSize = 200;
    private const int MaxAttempts = 8;

    public static async Task ForgetAsync(IMemoryStore store, MemoryPartition partition, MemoryRecord deleted, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        if (deleted.Kind != MemoryKind.Turn || deleted.SessionId is null || TurnContext.Clip(deleted.Text) is not { } words)
        {
            return;
        }

        var filter = new MemoryFilter { At = DateTimeOffset.MaxValue, IncludeSuperseded = true, Kinds = [MemoryKind.Turn], SessionId = deleted.SessionId };
        var copies = new List<string>();
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(partition, filter, PageSize, cursor, cancellationToken);
            copies.AddRange(page.Items.Where(turn => turn.PrecedingText == words).Select(turn => turn.Id));
            cursor = page.ContinuationToken;
        }
        while (cursor is not null);

        foreach (var id in copies)
        {
            await ForgetOneAsync(store, partition, id, now, actor, cancellationToken);
        }
    }

    private static async Task ForgetOneAsync(IMemoryStore store, MemoryPartition partition, string id, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetAsync(partition, id, cancellationToken) is not { PrecedingText: not null } turn)
            {
                return;
            }

            var cleared = turn with { PrecedingText = null, UpdatedAt = now };
            var history = HistoryEvents.For(cleared, HistoryOperation.Update, turn.Text, cleared.Text, now, actor, reason: "the words of the deleted turn before it were removed");
            if ((await store.ReplaceAsync(partition, cleared, turn.ETag, history, cancellationToken: cancellationToken)).Status != WriteStatus.PreconditionFailed)
            {
                return;
            }
        }

        throw new TimeoutException($"Turn {id} kept changing during {MaxAttempts} attempts to remove the words of a deleted turn from it.");
    }
}
