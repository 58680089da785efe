using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Chaos;

/// <summary>
/// The steady load: one task per writer, each with its own user, sending direct writes with an ingestion post every
/// <c>ingestEvery</c>-th request, paced to <c>requestsPerSecond</c> in all,
/// over and over, through kills and restarts. A request that gets no answer is retried unchanged (same text, same
/// Idempotency-Key), as a real client would; only answered requests (201/200/202) go into the <see cref="CrashLedger"/>.
/// </summary>
public sealed class ChaosLoad(MemoryServerClient client, CrashLedger ledger, string runId, int writers, int ingestEvery, double requestsPerSecond, int seed)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<HttpStatusCode, int> _refusals = new();
    private long _repeatsAnsweredAsStored;

    /// <summary>Answers other than 201/200/202, by status (a 5xx is a bug; there should be none).</summary>
    public IReadOnlyDictionary<HttpStatusCode, int> Refusals => _refusals;

    /// <summary>Direct writes answered 200: a retry of a write whose first answer was lost in a kill, found already stored.</summary>
    public long RepeatsAnsweredAsStored => Interlocked.Read(ref _repeatsAnsweredAsStored);

    /// <summary>Runs until <paramref name="stop"/> is cancelled; the request in flight then is left unanswered.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteAsync(writer, stop), CancellationToken.None)));

    private async Task WriteAsync(int writer, CancellationToken stop)
    {
        var random = new Random(seed + writer);
        var userId = $"chaos-{runId}-{writer}";
        var interval = TimeSpan.FromSeconds(writers / requestsPerSecond);
        var clock = Stopwatch.StartNew();
        var due = TimeSpan.Zero;
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            // Paced, so the load is steady rather than as fast as the server answers (which would pile up operations);
            // time lost while the server was down is not made up with a burst.
            due = due + interval > clock.Elapsed ? due + interval : clock.Elapsed;
            if (due > clock.Elapsed && !await PauseAsync(due - clock.Elapsed, stop))
            {
                return;
            }

            var token = CrashFacts.Token(random);
            if (sequence % ingestEvery == ingestEvery - 1)
            {
                await UntilAnsweredAsync(() => SubmitAsync(userId, token, stop), stop);
            }
            else
            {
                await UntilAnsweredAsync(() => CreateAsync(userId, CrashFacts.Note(runId, writer, sequence, token), stop), stop);
            }
        }
    }

    private async Task<bool> CreateAsync(string userId, string text, CancellationToken stop)
    {
        var status = await client.CreateMemoryAsync(userId, text, stop);
        if (status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            ledger.WriteAcknowledged(userId, text);
            if (status == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _repeatsAnsweredAsStored);
            }

            return true;
        }

        _refusals.AddOrUpdate(status, 1, (_, count) => count + 1);
        return false;
    }

    private async Task<bool> SubmitAsync(string userId, string token, CancellationToken stop)
    {
        var (status, operationId) = await client.SubmitMessagesAsync(userId, CrashFacts.Message(token), idempotencyKey: token.Replace(' ', '-'), stop);
        if (status == HttpStatusCode.Accepted && operationId is not null)
        {
            ledger.OperationAcknowledged(userId, operationId, CrashFacts.Statement(token));
            return true;
        }

        _refusals.AddOrUpdate(status, 1, (_, count) => count + 1);
        return false;
    }

    /// <summary>Sends until answered with an acknowledgement, or until stopped; transport failures (a kill) are counted and retried.</summary>
    private async Task UntilAnsweredAsync(Func<Task<bool>> send, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await send())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                ledger.RequestUnanswered();
            }

            if (!await PauseAsync(RetryPause, stop))
            {
                return;
            }
        }
    }

    private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
