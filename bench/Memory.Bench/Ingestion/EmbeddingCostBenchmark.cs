using System.Diagnostics;
using System.Globalization;
using System.Text;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local.Workflow;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>
/// What ingestion asks of the MiniLM embedder, and what that costs, without HTTP: the load driver's requests (4 turns,
/// half of the user turns stating a fact, one session per request and user, 100 users) run through the whole workflow
/// in process on the embedded store. First one operation at a time (so the time inside the embedder is its CPU time),
/// counting calls, texts and word pieces per cause (the step that asked), also with a few users in long sessions, whose
/// summaries grow; then as the local server runs them (its default number of workers at once), the process's CPU time
/// per turn and turns per second.
/// </summary>
internal static class EmbeddingCostBenchmark
{
    public const string Section = "ingestion-embeddings";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- embeddings --write";

    private const int SequentialOperations = 100;
    private const int Users = 100;
    private const int LongSessionUsers = 10;

    public static async Task<string> RunAsync(LoadSettings settings, CancellationToken cancellationToken, Scale.TargetSheet? targets = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", "embedding-cost-" + Guid.NewGuid().ToString("N"));
        // No text cache: the driver's turns repeat a small script, which a cache would serve after the first time, where a
        // real conversation's turns are new text; so every text here costs the model what a new one would.
        var embedderOptions = new MiniLMEmbedderOptions { CacheSize = 0 };
        var model = new MiniLMEmbeddingGenerator(Options.Create(embedderOptions));
        // Disposing the decorator disposes the model.
        using var counting = new CountingEmbeddingGenerator(model, text => model.Encode(text).Length);
        var workers = new LocalIngestionOptions().Workers;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Embedding cost of ingestion measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}"));
        text.AppendLine(Invariant($"MiniLM options: BatchSize {embedderOptions.BatchSize}, MaxConcurrentInferences {embedderOptions.MaxConcurrentInferences}, MaxTokens {embedderOptions.MaxTokens}, CacheSize 0 (every text goes to the model, as new text would)."));
        text.AppendLine();
        text.AppendLine(await ModelAloneAsync(model, cancellationToken));
        text.AppendLine();
        try
        {
            await using var rig = WorkflowRig.Open(directory, new IngestionOptions(), counting);
            var requests = new Requests(settings.TurnsPerOperation, Users, sessionPerRound: true);
            await rig.IngestAsync("warm-up", requests.Next(0).Request, cancellationToken);
            counting.Reset();
            var sequentialTurns = SequentialOperations * settings.TurnsPerOperation;
            var shortCpu = await CpuMillisecondsAsync(async () =>
            {
                for (var i = 0; i < SequentialOperations; i++)
                {
                    var (user, request) = requests.Next(i);
                    await rig.IngestAsync(user, request, cancellationToken);
                }
            }) / sequentialTurns;

            AppendCauses(text, counting.Counts, sequentialTurns, $"one operation at a time, {SequentialOperations} operations × {settings.TurnsPerOperation} turns; ms = wall time inside the embedder, which is its CPU time here");
            text.AppendLine(Invariant($"**Process CPU {shortCpu:F2} ms per turn** (short sessions, one operation at a time: the whole workflow, embedder included, no HTTP)."));
            text.AppendLine();
            counting.Reset();
            var longSessions = new Requests(settings.TurnsPerOperation, LongSessionUsers, sessionPerRound: false);
            var longCpu = await CpuMillisecondsAsync(async () =>
            {
                for (var i = 0; i < SequentialOperations; i++)
                {
                    var (user, request) = longSessions.Next(i);
                    await rig.IngestAsync("long-" + user, request, cancellationToken);
                }
            }) / sequentialTurns;

            AppendCauses(text, counting.Counts, sequentialTurns, $"the same, but {LongSessionUsers} users each sending {SequentialOperations / LongSessionUsers} requests in one session, so the session summary and the profile grow");
            text.AppendLine(Invariant($"**Process CPU {longCpu:F2} ms per turn** (long sessions, one operation at a time)."));
            text.AppendLine();
            counting.Reset();
            var (wallSeconds, cpuMs, failed) = await RunConcurrentlyAsync(rig, requests, string.Empty, SequentialOperations, settings.Operations, workers, cancellationToken);
            var turns = settings.Operations * settings.TurnsPerOperation;
            AppendCauses(text, counting.Counts, turns, $"{workers} operations at a time (the local server's default workers), {settings.Operations:N0} operations × {settings.TurnsPerOperation} turns; ms = wall time inside the embedder, waits included");
            text.AppendLine(Invariant($"**{workers} at a time: {turns / wallSeconds:N0} turns/s** ({settings.Operations:N0} operations in {wallSeconds:F1} s, {failed} not succeeded); **process CPU {cpuMs / turns:F2} ms per turn**; load average at the end {MachineInfo.LoadAverage()}."));
            text.AppendLine();
            counting.Reset();
            var (longWall, longCpuMs, longFailed) = await RunConcurrentlyAsync(rig, new Requests(settings.TurnsPerOperation, LongSessionUsers, sessionPerRound: false), "concurrent-long-", 0, settings.Operations, workers, cancellationToken);
            AppendCauses(text, counting.Counts, turns, $"{workers} operations at a time again, but {LongSessionUsers} users each in one long session ({settings.Operations / LongSessionUsers} requests each)");
            text.AppendLine(Invariant($"**{workers} at a time, long sessions: {turns / longWall:N0} turns/s** ({settings.Operations:N0} operations in {longWall:F1} s, {longFailed} not succeeded); **process CPU {longCpuMs / turns:F2} ms per turn**; load average at the end {MachineInfo.LoadAverage()}."));
            AddTargets(targets, (cpuMs / turns, longCpuMs / turns), (shortCpu, longCpu), turns / wallSeconds, failed + longFailed, workers);
            return text.ToString();
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// The targets are about a server under load, whose embedder batches the texts of concurrent operations: the CPU per turn
    /// with the server's workers busy is the measure; one operation at a time (no batching) is said beside it.
    /// </summary>
    private static void AddTargets(Scale.TargetSheet? targets, (double Short, double Long) concurrent, (double Short, double Long) alone, double turnsPerSecond, int failed, int workers)
    {
        const string Source = "`embeddings` (in process, no HTTP)";
        targets?.Add(Invariant($"≤ 5 ms CPU per turn with the model, short sessions ({workers} operations at a time)"), Invariant($"{concurrent.Short:F2} ms ({alone.Short:F2} ms one operation at a time)"), concurrent.Short, value => value <= 5, Source);
        targets?.Add(Invariant($"≤ 5 ms CPU per turn with the model, long sessions (10 users in one session each, {workers} operations at a time)"), Invariant($"{concurrent.Long:F2} ms ({alone.Long:F2} ms one operation at a time)"), concurrent.Long, value => value <= 5, Source);
        targets?.Add("≥ 200 turns/s with the model, short sessions, every operation succeeded (wall, so load-dependent)", Invariant($"{turnsPerSecond:N0} turns/s, {failed} operations not succeeded"), turnsPerSecond >= 200 && failed == 0, Source);
    }

    /// <summary>The model without the workflow, one caller: process CPU per sentence for single sentences and for batches of 32.</summary>
    private static async Task<string> ModelAloneAsync(MiniLMEmbeddingGenerator model, CancellationToken cancellationToken)
    {
        var script = new TurnScript(7);
        var sentences = Enumerable.Range(0, 320).Select(t => script.Turn(t).Content).ToArray();
        await model.GenerateAsync(sentences[..32], cancellationToken: cancellationToken);
        var single = await CpuMillisecondsAsync(async () =>
        {
            foreach (var sentence in sentences)
            {
                await model.GenerateAsync([sentence], cancellationToken: cancellationToken);
            }
        });
        var batched = await CpuMillisecondsAsync(async () =>
        {
            foreach (var batch in sentences.Chunk(32))
            {
                await model.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
        });
        var pieces = sentences.Average(sentence => model.Encode(sentence).Length);
        return Invariant($"The model alone, one caller, {sentences.Length} turn texts of the load driver ({pieces:F1} word pieces on average): **{single / sentences.Length:F2} ms CPU per sentence one at a time, {batched / sentences.Length:F2} ms in batches of 32**.");
    }

    private static async Task<double> CpuMillisecondsAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await work();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }

    private static async Task<(double WallSeconds, double CpuMs, int Failed)> RunConcurrentlyAsync(
        WorkflowRig rig, Requests requests, string userPrefix, int first, int count, int workers, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var next = first - 1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < first + count; i = Interlocked.Increment(ref next))
            {
                var (user, request) = requests.Next(i);
                var (_, _, operation) = await rig.IngestAsync(userPrefix + user, request, cancellationToken);
                if (operation.Status != OperationStatus.Succeeded)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, cancellationToken)));
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds, failed);
    }

    private static void AppendCauses(StringBuilder text, IReadOnlyDictionary<string, EmbeddingCount> counts, int turns, string condition)
    {
        text.AppendLine(Invariant($"Per ingested turn ({condition}):"));
        text.AppendLine();
        text.AppendLine("| cause (step) | calls | texts | word pieces | word pieces per text | ms in the embedder |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (cause, count) in counts.OrderByDescending(pair => pair.Value.Milliseconds))
        {
            text.AppendLine(Row(cause, count, turns));
        }

        var total = counts.Values.Aggregate(default(EmbeddingCount), (sum, c) => new EmbeddingCount(sum.Calls + c.Calls, sum.Texts + c.Texts, sum.Tokens + c.Tokens, sum.Milliseconds + c.Milliseconds));
        text.AppendLine(Row("**all**", total, turns));
        text.AppendLine();
    }

    private static string Row(string cause, EmbeddingCount count, int turns) =>
        Invariant($"| {cause} | {(double)count.Calls / turns:F2} | {(double)count.Texts / turns:F2} | {(double)count.Tokens / turns:F1} | {(count.Texts == 0 ? 0 : (double)count.Tokens / count.Texts):F1} | {count.Milliseconds / turns:F2} |");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The load driver's requests, in the same shape and order: request i goes to user i mod <paramref name="users"/>, in
    /// session "s" + round (i ÷ users) like the driver, or in one session per user.
    /// </summary>
    private sealed class Requests(int turnsPerOperation, int users, bool sessionPerRound)
    {
        private readonly TurnScript _script = new(300);

        public (string User, IngestionRequest Request) Next(int i)
        {
            var round = i / users;
            var at = IngestionScenario.ConversationStart.AddDays(round);
            lock (_script)
            {
                var messages = Enumerable.Range(0, turnsPerOperation).Select(t =>
                {
                    var (isUser, content) = _script.Turn(t);
                    return new ConversationMessage(Invariant($"m{i}-{t}"), isUser ? MessageRole.User : MessageRole.Assistant, content, at.AddMinutes(t));
                }).ToList();
                return (Invariant($"u{i % users}"), new IngestionRequest(messages, SessionId: sessionPerRound ? Invariant($"s{round}") : "s0"));
            }
        }
    }
}
