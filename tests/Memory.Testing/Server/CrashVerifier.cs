using System.Diagnostics;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// Checks a restarted server against a <see cref="CrashLedger"/>: waits (bounded) for every acknowledged operation to
/// finish, then exports every user and counts each promised text, and pages through each user's list to see every
/// acknowledged direct write there too. Profile and summary memories are derived aggregates
/// (a one-fact profile reads exactly like the fact), so texts are compared per kind.
/// </summary>
public static class CrashVerifier
{
    private const int MaxProblems = 10;

    public static async Task<CrashReport> VerifyAsync(MemoryServerClient client, CrashLedger ledger, TimeSpan operationTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(ledger);
        var problems = new List<string>();
        var statuses = await WaitForOperationsAsync(client, ledger, operationTimeout, cancellationToken);

        var exports = new Dictionary<string, IReadOnlyList<ExportedMemory>>(StringComparer.Ordinal);
        var listed = new HashSet<(string UserId, string Text)>();
        foreach (var userId in ledger.Users)
        {
            exports[userId] = await client.ExportMemoriesAsync(userId, cancellationToken);
            listed.UnionWith((await client.ListMemoryTextsAsync(userId, cancellationToken: cancellationToken)).Select(text => (userId, text)));
        }

        var counts = exports.SelectMany(user => user.Value.Select(memory => (user.Key, memory.Kind, memory.Text)))
            .GroupBy(key => key)
            .ToDictionary(group => group.Key, group => group.Count());
        int Count(string userId, string kind, string text) => counts.GetValueOrDefault((userId, kind, text));

        var writes = ledger.Writes.Select(write => (write, Count(write.UserId, "fact", write.Text))).ToList();
        var facts = ledger.Operations.Select(operation => (operation, Count(operation.Key.UserId, "preference", operation.Value))).ToList();
        var duplicates = counts.Where(pair => pair.Value > 1).ToList();

        var unlisted = writes.Count(w => !listed.Contains(w.write));
        problems.AddRange(writes.Where(w => !listed.Contains(w.write)).Select(w => $"direct write not in the list: {w.write.UserId} '{w.write.Text}'"));
        problems.AddRange(writes.Where(w => w.Item2 != 1).Select(w => $"direct write stored {w.Item2}×: {w.write.UserId} '{w.write.Text}'"));
        problems.AddRange(statuses.Where(s => s.Value != "succeeded").Select(s => $"operation {s.Key.OperationId} of {s.Key.UserId}: {s.Value ?? "not found"}"));
        problems.AddRange(facts.Where(f => f.Item2 != 1).Select(f => $"fact of {f.operation.Key.OperationId} stored {f.Item2}×: '{f.operation.Value}'"));
        problems.AddRange(duplicates.Select(d => $"stored {d.Value}×: {d.Key.Key} {d.Key.Kind} '{d.Key.Text}'"));

        return new CrashReport
        {
            WritesAcknowledged = writes.Count,
            WritesRecovered = writes.Count(w => w.Item2 == 1),
            WritesLost = writes.Count(w => w.Item2 == 0),
            WritesDuplicated = writes.Count(w => w.Item2 > 1),
            WritesNotListed = unlisted,
            OperationsAcknowledged = statuses.Count,
            OperationsSucceeded = statuses.Count(s => s.Value == "succeeded"),
            OperationsFailed = statuses.Count(s => s.Value == "failed"),
            OperationsUnfinished = statuses.Count(s => s.Value is "queued" or "running"),
            FactsRecovered = facts.Count(f => f.Item2 == 1),
            FactsLost = facts.Count(f => f.Item2 == 0),
            FactsDuplicated = facts.Count(f => f.Item2 > 1),
            DuplicateTexts = duplicates.Count,
            MemoriesExported = exports.Values.Sum(memories => memories.Count),
            Problems = [.. problems.Take(MaxProblems)],
        };
    }

    /// <summary>Polls until every operation is succeeded or failed, or the timeout passes; returns the last status seen (null: not found).</summary>
    private static async Task<Dictionary<(string UserId, string OperationId), string?>> WaitForOperationsAsync(
        MemoryServerClient client, CrashLedger ledger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var statuses = ledger.Operations.Keys.ToDictionary(key => key, _ => (string?)"queued");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var key in statuses.Keys.Where(key => statuses[key] is "queued" or "running").ToList())
            {
                statuses[key] = await client.GetOperationStatusAsync(key.UserId, key.OperationId, cancellationToken);
            }

            if (!statuses.Values.Any(status => status is "queued" or "running") || deadline.Elapsed > timeout)
            {
                return statuses;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
