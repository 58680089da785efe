using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Domain;

/// <summary>
/// What a kept turn carries beside its verbatim text so it can be found and read in its conversation: the relative dates
/// it says, resolved (<see cref="MemoryRecord.ResolvedDates"/>), and the words of the turn before it
/// (<see cref="MemoryRecord.PrecedingText"/>). English only, like <see cref="RelativeDates"/>.
/// </summary>
public static class TurnContext
{
    /// <summary>Enough of a question or remark to carry its topic; a long turn before a reply is mostly not about the reply.</summary>
    public const int MaxPrecedingCharacters = 240;

    private const int PageSize = 200;

    public static string? ResolvedDates(string text, DateTimeOffset said)
    {
        var mentions = RelativeDates.Mentions(text, said);
        return mentions.Count == 0 ? null : string.Join("; ", mentions);
    }

    public static string? Clip(string? text)
    {
        var trimmed = text?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= MaxPrecedingCharacters ? trimmed : trimmed[..MaxPrecedingCharacters];
    }

    /// <summary>
    /// When the turn posted at <paramref name="ordinal"/> in a request recorded at <paramref name="requestTime"/> is recorded:
    /// one tick (100 ns) per position, so every store lists a request's turns in
    /// their posted order (<see cref="Storage.ListOrder"/>) without an ordinal of its own to sort by. Turns kept before this
    /// rule share their request's time, and list in id order among themselves.
    /// </summary>
    public static DateTimeOffset RecordedAt(DateTimeOffset requestTime, int ordinal) => requestTime.AddTicks(ordinal);

    /// <summary>The time the request of <paramref name="turn"/> was recorded (<see cref="RecordedAt"/> undone).</summary>
    public static DateTimeOffset RequestTime(MemoryRecord turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.CreatedAt.AddTicks(-(turn.Ordinal ?? 0));
    }

    /// <summary>
    /// The text of the turn of <paramref name="sessionId"/> said last before the request recorded at
    /// <paramref name="requestTime"/>: among the turns of the latest request recorded before it, the latest said, then the
    /// last posted; null without a session or such a turn. Judged by recorded time, the order every list shows, so a request
    /// accepted earlier but run later copies no words of one posted after it, and a retry never copies its own.
    /// </summary>
    public static async Task<string?> LastTurnTextAsync(
        IMemoryStore store, MemoryPartition partition, string? sessionId, DateTimeOffset requestTime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (sessionId is null)
        {
            return null;
        }

        var filter = new MemoryFilter { At = now, Kinds = [MemoryKind.Turn], SessionId = sessionId, CreatedTo = requestTime };
        if ((await store.ListAsync(partition, filter, 1, null, cancellationToken)).Items is not [var newest, ..])
        {
            return null;
        }

        // Every turn recorded from the newest one's request on, up to this request: that request's turns.
        var batch = new List<MemoryRecord>();
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(partition, filter with { CreatedFrom = RequestTime(newest) }, PageSize, cursor, cancellationToken);
            batch.AddRange(page.Items);
            cursor = page.ContinuationToken;
        }
        while (cursor is not null);

        return batch.Count == 0 ? null : InPostedOrder(batch).Last().Text;
    }

    /// <summary>Posted order of turns: when said, then when recorded, then the position in their request, then id.</summary>
    public static IOrderedEnumerable<MemoryRecord> InPostedOrder(IEnumerable<MemoryRecord> turns) =>
        turns.OrderBy(turn => turn.ValidFrom).ThenBy(turn => turn.CreatedAt).ThenBy(turn => turn.Ordinal ?? 0).ThenBy(turn => turn.Id, StringComparer.Ordinal);
}
