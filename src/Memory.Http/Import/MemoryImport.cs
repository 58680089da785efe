using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Import;

/// <summary>
/// Imports NDJSON lines of ready-made memories into one partition: each line is read, checked and mapped exactly as a
/// <c>POST /memories</c> body (<see cref="JsonBody.Parse"/>, <see cref="RequestValidator"/>, <see cref="CreateMemoryRequest.ToDraft"/>),
/// good lines go in batches through <see cref="MemoryService.StartBatchAsync"/> (one embedder call per batch, the writes
/// committed together), and the next batch is read and parsed while one is in flight, so the embedder is kept busy.
/// </summary>
/// <remarks>
/// Idempotent: a memory's id derives from its content (<see cref="MemoryIds.ForMemory"/>), so a line imported before
/// counts as existing. Every write is fenced with the partition's epoch as the import began: an erase while it runs
/// stops it, and nothing it wrote outlives the erase. Memory held: one batch being parsed and one in flight.
/// </remarks>
public sealed class MemoryImport(MemoryService memories, MemoryHttpOptions limits, TimeProvider timeProvider)
{
    /// <summary>Lines per batch: large enough for the model's batched inference and one group commit, small enough to report often.</summary>
    public const int BatchLines = 256;

    /// <summary>A batch also ends at this many bytes of lines, so long lines do not make a batch of hundreds of megabytes.</summary>
    private const int BatchBytes = 4 * 1024 * 1024;

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
        Task<ImportBatchOutcome>? inFlight = null;
        var lastReport = timeProvider.GetTimestamp();

        async Task<ImportLineError?> SettleInFlightAsync()
        {
            if (inFlight is null)
            {
                return null;
            }

            var outcome = await inFlight;
            inFlight = null;
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
            if (await SettleInFlightAsync() is { } stopped)
            {
                return stopped;
            }

            if (batch.Count > 0)
            {
                inFlight = WriteAsync(partition, [.. batch], tally.LinesRead, fence, cancellationToken);
                batch.Clear();
                batchBytes = 0;
            }

            return null;
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
                    return tally.Stopped(stopped);
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's count of the body (raised to MaxImportBytes for this route) ran out: what came before still counts.
            var tooLarge = ImportLineError.From(tally.LinesRead + 1, ApiProblems.PayloadTooLarge(limits.MaxImportBytes, "Memory:Http:MaxImportBytes").ProblemDetails);
            batch.Clear();
            return tally.Stopped(await SettleInFlightAsync() ?? tooLarge);
        }

        var end = await SendBatchAsync() ?? await SettleInFlightAsync();
        return end is null ? tally.Completed() : tally.Stopped(end);
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

    private async Task<ImportBatchOutcome> WriteAsync(
        MemoryPartition partition, List<(long Line, MemoryDraft Draft)> batch, long endLine, MemoryWriteOptions fence, CancellationToken cancellationToken)
    {
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

        return new ImportBatchOutcome(endLine, imported, existing, errors, stopped);
    }
}
