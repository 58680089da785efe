namespace MemoryFunctions.Local.Storage;

/// <summary>
/// The log loop's light lane, the same idea as the embedder's spare inference: when one background owner (a tenant's
/// ingestion, <see cref="Core.Workflow.BackgroundWork"/>) has more than <see cref="LightOwnerWrites"/> writes in a batch,
/// the writes of the other owners with at most that many, and the foreground ones (a request being answered), are
/// committed first as a small batch of their own. A one-turn ingestion's next write then waits for the group commit
/// under way, not also for the flood's next one (its encoding, its write and its index inserts).
/// </summary>
/// <remarks>
/// Safe because every write in one batch was queued while all the others were, and none of their callers had an
/// answer: any order among them is an order they could have had. A compaction's waiter keeps the batch whole.
/// Costs a flooding owner one more fsync per batch, and only while another owner writes.
/// </remarks>
internal static class WriteLanes
{
    /// <summary>Most writes a background owner may have in one batch to count as light: a one-turn ingestion has one at a time.</summary>
    public const int LightOwnerWrites = 2;

    /// <summary>Moves the light lane's writes out of <paramref name="batch"/> into <paramref name="light"/>, in order; false when there is no such split.</summary>
    public static bool TrySplit(List<WriteCommand> batch, List<WriteCommand> light)
    {
        light.Clear();
        // Most batches are this small (a lone ingestion's writes come one or a few at a time): no owner can flood them, and
        // counting owners for every batch was a measurable part of an ingested turn's cost.
        if (batch.Count <= LightOwnerWrites || batch.Exists(command => command.WaitsForCompaction))
        {
            return false;
        }

        var writes = batch.Where(command => command.Owner is not null).CountBy(command => command.Owner!, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        if (!writes.Values.Any(count => count > LightOwnerWrites))
        {
            return false;
        }

        light.AddRange(batch.Where(command => IsLight(command, writes)));
        if (light.Count == 0)
        {
            return false;
        }

        batch.RemoveAll(command => IsLight(command, writes));
        return true;
    }

    private static bool IsLight(WriteCommand command, Dictionary<string, int> writes) => command.Owner is null || writes[command.Owner] <= LightOwnerWrites;
}
