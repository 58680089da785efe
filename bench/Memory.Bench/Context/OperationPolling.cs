using System.Diagnostics;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Context;

/// <summary>Submits a conversation and polls its operation until it finishes or the deadline passes.</summary>
internal static class OperationPolling
{
    /// <returns>The final status ("succeeded", "failed", or null when unfinished) and the first error seen.</returns>
    public static async Task<(string? Status, string? Error)> IngestAsync(MemoryApiClient client, string userId, object body, long deadline, CancellationToken cancellationToken)
    {
        var submitted = await client.PostAsync($"api/users/{userId}/messages", body, [System.Net.HttpStatusCode.Accepted], cancellationToken);
        var id = submitted.Body?["id"]?.GetValue<string>();
        string? status = null;
        while (id is not null && Stopwatch.GetTimestamp() < deadline)
        {
            var poll = await client.GetAsync($"api/operations/{id}?userId={userId}", cancellationToken);
            status = poll.Body?["status"]?.GetValue<string>();
            if (status is "succeeded" or "failed" || !poll.Ok)
            {
                return (status, poll.Error);
            }

            await Task.Delay(10, cancellationToken);
        }

        return (status, submitted.Error ?? $"operation {id} ended as '{status ?? "unfinished"}'");
    }
}
