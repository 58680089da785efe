using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Bench.Ann;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Import;

/// <summary>
/// Bulk import through the built server (<c>POST /users/{userId}/imports</c>, one NDJSON body of memory sentences) against
/// the embedder alone on the same texts, in the same run and on the same cores: the model's own batched rate (the texts
/// in batches of the import's size, one after another, in this process, before the server starts) is the ceiling the
/// import is measured against. Then the same body again (every line already there), and the hashing embedder's rate.
/// </summary>
internal static class ImportBenchmark
{
    public const string Section = "bulk-import";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- import";
    private const int BatchSize = 256;
    private static readonly string[] ImportTags = ["import"];

    public static async Task<string> RunAsync(string[] args, CancellationToken cancellationToken, Scale.TargetSheet? targets = null)
    {
        var modelCount = LoadSettings.IntValue(args, "--model-count") ?? 4_000;
        var hashingCount = LoadSettings.IntValue(args, "--hashing-count") ?? 50_000;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}"));
        text.AppendLine();
        text.AppendLine("| embedder | memories | embedder alone, batches of 256 in this process | import through the server (first run) | import / embedder alone | same file again (all existing) | server CPU per memory | load average (1 / 5 / 15 min) after |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        // Hashing twice: a partition that stays below the approximate index's threshold (10,000), and one that crosses it,
        // after which every write also inserts its vector into the HNSW graph on the store's single writer.
        foreach (var (provider, count) in new[] { ("MiniLM", modelCount), ("Hashing", Math.Min(9_000, hashingCount)), ("Hashing", hashingCount) })
        {
            var sentences = SentenceCorpus.Generate(count, seed: 27);
            double alone;
            using (var embedder = CreateEmbedder(provider))
            {
                await embedder.GenerateAsync(sentences.Take(64), cancellationToken: cancellationToken);
                alone = await EmbedAloneAsync(embedder, sentences, cancellationToken);
            }

            await using var server = await ServerHost.StartAsync(null, null, new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = provider, ["Logging__LogLevel__Default"] = "Warning" }, cancellationToken);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
            var body = Encoding.UTF8.GetBytes(string.Concat(sentences.Select(sentence => JsonSerializer.Serialize(new { text = sentence, tags = ImportTags }) + "\n")));
            await ImportAsync(http, "warm-up", Encoding.UTF8.GetBytes(string.Concat(sentences.Take(64).Select(sentence => JsonSerializer.Serialize(new { text = sentence }) + "\n"))), cancellationToken);
            var cpu = server.CpuTime();
            var (first, firstReport) = await ImportAsync(http, "bench", body, cancellationToken);
            var cpuPerMemory = server.CpuTime() - cpu is { } used ? used.TotalMilliseconds / count : double.NaN;
            var (again, againReport) = await ImportAsync(http, "bench", body, cancellationToken);
            var rate = count / first.TotalSeconds;
            text.AppendLine(Invariant(
                $"| {provider} | {count:N0} | {alone:N0}/s | **{rate:N0}/s** ({first.TotalSeconds:F1} s; {firstReport}) | **{rate / alone:P0}** | {count / again.TotalSeconds:N0}/s ({againReport}) | {cpuPerMemory:F2} ms | {MachineInfo.LoadAverage()} |"));
            if (provider == "MiniLM")
            {
                targets?.Add(Invariant($"import with the model ≥ 80 % of the model's own batched rate ({count:N0} memories)"), Invariant($"{rate / alone:P0} ({rate:N0}/s against {alone:N0}/s)"), rate >= 0.8 * alone, "`import`");
            }
            else
            {
                targets?.Add(Invariant($"import with the hashing embedder ≥ 5,000/s ({count:N0} memories in one partition)"), Invariant($"{rate:N0}/s ({cpuPerMemory:F2} ms server CPU per memory)"), rate >= 5_000, "`import`");
            }
        }

        text.AppendLine();
        text.AppendLine("Targets (issue 27, item 4): with ready-made memories, the import's rate at least 80% of the model's own batched rate on the same texts and cores, and at least 5,000 memories/s with the hashing embedder. The sentences are `SentenceCorpus` (seed 27), one JSON line each with a tag; the server is the Release build with its defaults on a fresh data directory, started by the benchmark; the first import of 64 lines to another user warms it up. The same file again re-embeds every line (the id derives from the text, so it is found existing, and nothing is written).");
        var markdown = text.ToString();
        if (!args.Contains("--no-write"))
        {
            PerformanceDoc.RewriteSection(Section, Command, markdown);
        }

        return markdown;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder(string provider) =>
        provider == "MiniLM"
            ? new MiniLMEmbeddingGenerator(Options.Create(new MiniLMEmbedderOptions()))
            : new HashingEmbedder(Options.Create(new HashingEmbedderOptions()));

    private static async Task<double> EmbedAloneAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, List<string> sentences, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in sentences.Chunk(BatchSize))
        {
            await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
        }

        return sentences.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<(TimeSpan Elapsed, string Report)> ImportAsync(HttpClient http, string user, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(new Uri($"api/users/{user}/imports", UriKind.Relative), content, cancellationToken);
        var reports = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        response.EnsureSuccessStatusCode();
        using var last = JsonDocument.Parse(reports.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var root = last.RootElement;
        if (root.GetProperty("type").GetString() != "completed")
        {
            throw new InvalidOperationException("The import did not complete: " + root);
        }

        return (elapsed, Invariant($"{root.GetProperty("imported").GetInt64():N0} imported, {root.GetProperty("existing").GetInt64():N0} existing, {root.GetProperty("failed").GetInt64()} failed"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
