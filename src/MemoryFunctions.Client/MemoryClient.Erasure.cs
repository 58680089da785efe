using System.Net;
using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client;

public sealed partial class MemoryClient
{
    /// <summary>
    /// Right to erasure: memories, history and operations of the user, for good. Waits for the end: the server answers 200
    /// with the counts when it erased at once, or 202 with an erase operation when deleting goes on in the background (Cosmos
    /// DB, the Functions app), which this polls like an ingestion (<paramref name="polling"/>; a heavy user's erase can take
    /// minutes, so give it a longer <see cref="OperationPolling.Timeout"/>). Throws <see cref="MemoryErasureException"/> when
    /// the background erase ended failed; nothing of the user was readable from the server's first answer on either way.
    /// </summary>
    public async Task<UserErasure> EraseUserAsync(string userId, OperationPolling? polling = null, CancellationToken cancellationToken = default)
    {
        var start = await BeginEraseUserAsync(userId, cancellationToken);
        if (start.Erased is { } erased)
        {
            return erased;
        }

        var outcome = await WaitForOperationAsync(userId, start.Operation!.Id, polling, cancellationToken);
        return outcome.Succeeded && outcome.Operation.Erasure is { } counts
            ? new UserErasure(counts.MemoriesErased ?? 0, counts.OperationsErased ?? 0)
            : throw new MemoryErasureException(outcome.Operation);
    }

    /// <summary>Asks for the erase and returns the server's answer without waiting: 200 with the counts, or 202 with the operation to poll.</summary>
    public async Task<UserErasureStart> BeginEraseUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"users/{Escape(userId)}", content: null, cancellationToken);
        return response.StatusCode == HttpStatusCode.Accepted
            ? new UserErasureStart(null, await ReadAsync<MemoryOperation>(response, cancellationToken))
            : new UserErasureStart(await ReadAsync<UserErasure>(response, cancellationToken), null);
    }
}
