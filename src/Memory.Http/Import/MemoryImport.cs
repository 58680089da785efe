using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Import;

/// <summary>
/// Imports NDJSON lines of ready-made memories into one partition: each line is read, checked and mapped exactly as a
/// <c>POST /memories</c> body (<see cref="JsonBody.Parse"/>, <see cref="RequestValidator"/>, <see cref="CreateMemoryRequest.ToDraft"/>),
/// good lines go in batches through <see cref="MemoryService.StartBatchAsync"/> (one embedder call per batch, the writes
/// committed together), and up to four batches are in flight while the next is read and parsed, so the embedder and the log are kept busy.
/// </summary>
/// <remarks>
/// Idempotent: a memory's id derives from its content (<see cref="MemoryIds.ForMemory"/>), so a line imported before
/// counts as existing. Every write is fenced with the partition's epoch as the import began: an erase while it runs
/// stops it, and nothing it wrote outlives the erase. Memory held: the batch being parsed and those in flight.
/// Each batch is admitted against the tenant's quotas for its lines (<see cref="TenantAdmission"/>), held while it is
/// written and committed for the memories it wrote, so the import counts for what it writes, as it writes; a refused
/// batch stops the import there, with the quota's problem.
/// </remarks>
public sealed class MemoryImport(MemoryService memories, TenantAdmission admission, MemoryHttpOptions limits, TimeProvider timeProvider)
{
    /// <summary>Lines per batch: large enough for the model's batched inference and one group commit, small enough to report often.</summary>
    public const int BatchLines = 256;

    /// <summary>A batch also ends at this many bytes of lines, so long lines do not make a batch of hundreds of megabytes.</summary>
    private const int BatchBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Batches written at once: while one waits for its group commit's fsync, the next is embedded and queued for the
    /// following commit, so neither the embedder nor the log waits on the other. Bounds memory to this many batches.
    /// </summary>
    private const int MaxBatchesInFlight = 4;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runs the import; <paramref name="progress"/> gets a report at most once a second; returns the last report.</summary>
    public async Task<ImportReport> RunAsync(
        MemoryPartition partition, IAsyncEnumerable<NdjsonLine> lines, long afterLine, Func<ImportReport, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(progress);
        var fence = MemoryWriteOptions.InEpoch(await memories.GetEpochAsync(partition, cancellationToken));
        var tally = new ImportTally(afterLine);
        var batch = new List<(long Line, MemoryDraft Draft)>();
        var batchBytes = 0L;
        var inFlight = new Queue<Task<ImportBatchOutcome>>();
        var lastReport = timeProvider.GetTimestamp();

        // Oldest first, so CommittedThroughLine only moves past lines whose batches, and all before them, are settled.
        async Task<ImportLineError?> SettleOldestAsync()
        {
            var outcome = await inFlight.Dequeue();
            tally.Apply(outcome);
            if (outcome.Stopped is null && timeProvider.GetElapsedTime(lastReport) >= ProgressInterval)
            {
                lastReport = timeProvider.GetTimestamp();
                await progress(tally.Progress());
            }

            return outcome.Stopped;
        }

        async Task<ImportLineError?> SendBatchAsync()
        {
            while (inFlight.Count >= MaxBatchesInFlight)
            {
                if (await SettleOldestAsync() is { } stopped)
                {
                    return stopped;
                }
            }

            if (batch.Count > 0)
            {
                inFlight.Enqueue(WriteAsync(partition, [.. batch], tally.LinesRead, fence, cancellationToken));
                batch.Clear();
                batchBytes = 0;
            }

            return null;
        }

        // After a stop, the batches still in flight are awaited for what they wrote; the committed line stays where it stopped.
        async Task<ImportReport> StopAsync(ImportLineError reason)
        {
            while (inFlight.Count > 0)
            {
                var outcome = await inFlight.Dequeue();
                tally.Apply(outcome with { Stopped = outcome.Stopped ?? reason });
            }

            return tally.Stopped(reason);
        }

        try
        {
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                tally.LinesRead = line.Number;
                if (line.Number <= afterLine)
                {
                    continue;
                }

                var (draft, error) = Parse(line);
                if (error is not null)
                {
                    tally.Fail(error);
                }
                else if (draft is not null)
                {
                    batch.Add((line.Number, draft));
                    batchBytes += line.Bytes!.Length;
                }

                if ((batch.Count >= BatchLines || batchBytes >= BatchBytes) && await SendBatchAsync() is { } stopped)
                {
                    return await StopAsync(stopped);
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's count of the body (raised to MaxImportBytes for this route) ran out: what came before still counts.
            var tooLarge = ImportLineError.From(tally.LinesRead + 1, ApiProblems.PayloadTooLarge(limits.MaxImportBytes, "Memory:Http:MaxImportBytes").ProblemDetails);
            batch.Clear();
            while (inFlight.Count > 0)
            {
                if (await SettleOldestAsync() is { } stopped)
                {
                    return await StopAsync(stopped);
                }
            }

            return tally.Stopped(tooLarge);
        }

        if (await SendBatchAsync() is { } last)
        {
            return await StopAsync(last);
        }

        while (inFlight.Count > 0)
        {
            if (await SettleOldestAsync() is { } stopped)
            {
                return await StopAsync(stopped);
            }
        }

        return tally.Completed();
    }

    private (MemoryDraft? Draft, ImportLineError? Error) Parse(NdjsonLine line)
    {
        if (line.Bytes is not { } bytes)
        {
            return (null, ImportLineError.From(line.Number, ApiProblems.ImportLineTooLong(limits.MaxImportLineBytes).ProblemDetails));
        }

        if (bytes.AsSpan().Trim(" \t"u8).IsEmpty)
        {
            return (null, null);
        }

        var parsed = JsonBody.Parse<CreateMemoryRequest>(bytes);
        if (parsed.Problem is { } problem)
        {
            return (null, ImportLineError.From(line.Number, problem.ProblemDetails));
        }

        var errors = RequestValidator.Validate(parsed.Value!, limits);
        return errors.Count > 0
            ? (null, ImportLineError.From(line.Number, ApiProblems.Validation(errors).ProblemDetails))
            : (parsed.Value!.ToDraft(), null);
    }

    /// <summary>
    /// The batch's admission, for its lines; at the memories quota, for only the lines the tenant does not hold yet (a
    /// memory's id derives from its text, so a line held already adds nothing): rerunning an import at the cap succeeds.
    /// A line held at this look and ended before its write is written again without a reservation; it was in the count.
    /// </summary>
    private async Task<Admission> AdmitAsync(MemoryPartition partition, List<(long Line, MemoryDraft Draft)> batch, CancellationToken cancellationToken)
    {
        var admitted = await admission.AdmitAsync(partition, AdmittedWrite.Memory, batch.Count, cancellationToken);
        if (admitted.Refusal?.Limit != TenantAdmission.MemoriesLimit)
        {
            return admitted;
        }

        var now = timeProvider.GetUtcNow();
        var adding = 0;
        foreach (var id in batch.Select(line => MemoryIds.ForMemory(partition, line.Draft.AgentId, line.Draft.Text)).Distinct(StringComparer.Ordinal))
        {
            adding += await memories.GetAsync(partition, id, cancellationToken) is { } held && held.IsHeldAt(now) ? 0 : 1;
        }

        if (adding == batch.Count)
        {
            return admitted;
        }

        admitted.Dispose();
        return adding == 0 ? Admission.Unlimited : await admission.AdmitAsync(partition, AdmittedWrite.Memory, adding, cancellationToken);
    }

    private async Task<ImportBatchOutcome> WriteAsync(
        MemoryPartition partition, List<(long Line, MemoryDraft Draft)> batch, long endLine, MemoryWriteOptions fence, CancellationToken cancellationToken)
    {
        using var admitted = await AdmitAsync(partition, batch, cancellationToken);
        if (admitted.Refusal is { } refusal)
        {
            return new ImportBatchOutcome(batch[0].Line - 1, 0, 0, [], ImportLineError.From(batch[0].Line, ApiProblems.QuotaRefused(refusal).ProblemDetails));
        }

        var writes = await memories.StartBatchAsync(partition, batch.ConvertAll(item => item.Draft), fence, cancellationToken);
        int imported = 0, existing = 0;
        var errors = new List<ImportLineError>();
        ImportLineError? stopped = null;
        for (var i = 0; i < writes.Length; i++)
        {
            var line = batch[i].Line;
            try
            {
                switch ((await writes[i]).Status)
                {
                    case WriteStatus.Written:
                        imported++;
                        break;
                    case WriteStatus.PartitionErased:
                        stopped ??= ImportLineError.From(line, ApiProblems.ImportEndedByErase().ProblemDetails);
                        break;
                    default:
                        existing++;
                        break;
                }
            }
            catch (StoreFailureException failure) when (failure.Kind == StoreFailureKind.TooLarge)
            {
                errors.Add(ImportLineError.From(line, StoreFailureProblems.For(failure).ProblemDetails));
            }
            catch (StoreFailureException failure)
            {
                // Full, throttled, unavailable: the lines after this one would fail alike; stop, and let the caller post again later.
                stopped ??= ImportLineError.From(line, StoreFailureProblems.For(failure).ProblemDetails);
            }
        }

        admitted.Commit(imported);
        return new ImportBatchOutcome(endLine, imported, existing, errors, stopped);
    }
}
